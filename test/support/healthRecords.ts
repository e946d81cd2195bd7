/**
 * Nucleic-acid results put straight into the table (decision 0026), for tests of what reads
 * them (a place's requirement at a scan or a visit): they stand in for the feeds, which are
 * tested on their own. Keyed, as the feeds key them, by the ID number's blind index under the
 * app's keys.
 */
import { loadConfig } from '@yima/bff/src/config';
import { createPii } from '@yima/bff/src/crypto/pii';
import { createDb, type Db } from '@yima/bff/src/db/pool';
import type { TestApp } from './testApp';

export interface TestResult {
  idNumber: string;
  sampledAt: Date;
  result?: 'negative' | 'positive';
  feed?: string;
  /** Unique per feed and person; made up when not given. */
  sampleId?: string;
  institution?: string;
  lab?: string;
  region?: string;
}

let sampleSeq = 0;

/** Inserts one round (reported an hour after sampling) through `db`, keyed with `blindIndexKey`. */
export async function insertTestResult(db: Pick<Db, 'query'>, keys: { piiKey: Buffer; blindIndexKey: Buffer }, r: TestResult): Promise<void> {
  const idHash = createPii(keys.piiKey, keys.blindIndexKey).blindIndex('id_number', r.idNumber);
  const reportedAt = new Date(r.sampledAt.getTime() + 3_600_000);
  await db.query(
    `INSERT INTO nucleic_acid_results
       (id_hash, feed, sample_id, sampled_at, result, institution, lab, reported_at, region, version, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    [
      idHash,
      r.feed ?? 'bj-labs',
      r.sampleId ?? `S${Date.now()}-${process.pid}-${++sampleSeq}`,
      r.sampledAt,
      r.result ?? 'negative',
      r.institution ?? '朝阳区疾控中心采样点',
      r.lab ?? '北京某医学检验实验室',
      reportedAt,
      r.region ?? '北京市',
      reportedAt,
    ],
  );
}

/** For an integration test's app: root's pool (the app's account need not write these). */
export const recordTestResult = (app: TestApp, r: TestResult) => insertTestResult(app.adminDb, app.config, r);

/** For an end-to-end test, whose BFF runs in its own process with this environment's keys. */
export async function recordTestResultIn(env: Record<string, string>, r: TestResult): Promise<void> {
  const config = loadConfig(env);
  const db = await createDb(config.mysqlAdminUrl as string, 1, config.mysqlJobTimeoutMs);
  try {
    await insertTestResult(db, config, r);
  } finally {
    await db.end();
  }
}
