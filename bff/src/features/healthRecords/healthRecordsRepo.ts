/**
 * Reading nucleic-acid results and vaccinations (decision 0026): the latest of each for the
 * code page and a place's requirement, all of them for the person's records page. Writes are
 * the feeds' (features/healthFeeds). Rows are keyed by the ID-number blind index.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { HealthSummary, NucleicAcidView, VaccinationDoseView } from '@yima/shared';
import type { Db } from '../../db/pool';
import { hexList } from '../../db/sqlLiterals';

const iso = (d: Date) => d.toISOString();

function resultView(r: RowDataPacket): NucleicAcidView {
  return {
    sampledAt: iso(r.sampled_at),
    result: r.result,
    institution: r.institution,
    lab: r.lab,
    reportedAt: iso(r.reported_at),
    region: r.region,
    source: r.feed,
  };
}

function doseView(r: RowDataPacket): VaccinationDoseView {
  return { dose: Number(r.dose), date: r.given_on_text, product: r.product, site: r.site, region: r.region, source: r.feed };
}

// The day as the feed sent it: a DATE read through the driver becomes a local-time Date.
const DOSE_COLUMNS = "dose, DATE_FORMAT(given_on, '%Y-%m-%d') AS given_on_text, product, site, region, feed";
const RESULT_COLUMNS = 'sampled_at, result, institution, lab, reported_at, region, feed';

export function createHealthRecordsRepo(db: Db) {
  return {
    /** The latest round (by sampling time) and the doses of one person, in one round trip. */
    async summaryOf(idHash: Buffer): Promise<HealthSummary | null> {
      const [[results], [doses]] = await Promise.all([
        db.query<RowDataPacket[]>(`SELECT ${RESULT_COLUMNS} FROM nucleic_acid_results WHERE id_hash = ? ORDER BY sampled_at DESC LIMIT 1`, [idHash]),
        db.query<RowDataPacket[]>(`SELECT ${DOSE_COLUMNS} FROM vaccinations WHERE id_hash = ? ORDER BY dose DESC`, [idHash]),
      ]);
      if (!results.length && !doses.length) return null;
      return {
        nucleicAcid: results.length ? resultView(results[0]) : null,
        vaccination: doses.length ? { doses: doses.length, latest: doseView(doses[0]) } : null,
      };
    },

    /** Latest round of each of these people (a scan's requirement), by blind index hex. */
    async latestResults(hashes: Buffer[]): Promise<Map<string, NucleicAcidView>> {
      if (!hashes.length) return new Map();
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT r.id_hash, ${RESULT_COLUMNS.split(', ')
          .map((c) => `r.${c}`)
          .join(', ')} FROM nucleic_acid_results r
         JOIN (SELECT id_hash, MAX(sampled_at) AS at FROM nucleic_acid_results WHERE id_hash IN (${hexList(hashes)}) GROUP BY id_hash) l
           ON l.id_hash = r.id_hash AND l.at = r.sampled_at`,
      );
      const out = new Map<string, NucleicAcidView>();
      for (const r of rows) {
        const hex = (r.id_hash as Buffer).toString('hex');
        const view = resultView(r);
        // Two rounds sampled the same instant (two feeds): a positive one decides.
        if (!out.has(hex) || view.result === 'positive') out.set(hex, view);
      }
      return out;
    },

    /** Every round and dose, newest first. */
    async allOf(idHash: Buffer): Promise<{ results: NucleicAcidView[]; doses: VaccinationDoseView[] }> {
      const [[results], [doses]] = await Promise.all([
        db.query<RowDataPacket[]>(`SELECT ${RESULT_COLUMNS} FROM nucleic_acid_results WHERE id_hash = ? ORDER BY sampled_at DESC, feed, sample_id`, [idHash]),
        db.query<RowDataPacket[]>(`SELECT ${DOSE_COLUMNS} FROM vaccinations WHERE id_hash = ? ORDER BY dose DESC`, [idHash]),
      ]);
      return { results: results.map(resultView), doses: doses.map(doseView) };
    },

    /** When each kind's feeds last delivered a batch (the latest of its feeds), null before any. */
    async asOf(): Promise<{ nucleicAcid: Date | null; vaccination: Date | null }> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT kind, MAX(last_batch_at) AS at FROM health_feed_status GROUP BY kind');
      const at = new Map(rows.map((r) => [r.kind as string, r.at as Date]));
      return { nucleicAcid: at.get('nucleic-acid') ?? null, vaccination: at.get('vaccination') ?? null };
    },
  };
}

export type HealthRecordsRepo = ReturnType<typeof createHealthRecordsRepo>;
