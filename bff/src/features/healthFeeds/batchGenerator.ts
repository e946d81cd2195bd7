/**
 * Realistic health-record batches for demos, tests and the benchmark (npm run feed -- generate
 * --kind nucleic-acid|vaccination). People are the provincial generator's (generatedIdNumber:
 * valid, distinct, deterministic ID numbers), so the same person can be sent by every feed;
 * every record is deterministic too (sample ids, dose numbers), so a batch with a higher
 * version corrects the same records, as a real correction does. A few records in every
 * hundred were made in another region.
 */
import { generatedIdNumber, unitHash } from '../provincial';

const HOME = { region: '广州市', institutions: ['越秀区人民医院采样点', '海珠区社区卫生服务中心', '天河区体育中心便民采样点'], lab: '广州金域医学检验中心' };
const AWAY = { region: '上海市', institutions: ['上海市徐汇区便民采样点'], lab: '上海迪安医学检验所' };
const PRODUCTS = ['北京生物新冠灭活疫苗', '科兴新冠灭活疫苗', '智飞重组蛋白疫苗'];
const HOUR = 3_600_000;

export interface NucleicAcidBatchOptions {
  /** Lines in all: `rounds` per person, so count / rounds people. */
  count: number;
  from?: number;
  /** Test rounds per person (default 3), a couple of days apart, the newest a day before `at`. */
  rounds?: number;
  version: number;
  /** "Now": no sample or report is after it. */
  at: Date;
  /** Share of positive results (default 0.002). */
  positive?: number;
}

/** NDJSON lines, each ending in "\n". */
export function* nucleicAcidBatchLines(o: NucleicAcidBatchOptions): Generator<string> {
  const rounds = o.rounds ?? 3;
  const positive = o.positive ?? 0.002;
  const newest = o.at.getTime() - 24 * HOUR;
  for (let n = 0; n < o.count; n++) {
    const i = (o.from ?? 0) + Math.floor(n / rounds);
    const round = n % rounds;
    const h = unitHash(i * 31 + round, 7);
    const where = h < 0.03 ? AWAY : HOME;
    const sampledAt = newest - round * 48 * HOUR - Math.floor(h * 12) * HOUR;
    const reportedAt = sampledAt + (6 + Math.floor(h * 14)) * HOUR;
    yield `${JSON.stringify({
      idNumber: generatedIdNumber(i),
      sampleId: `S${i}-${round}`,
      sampledAt: new Date(sampledAt).toISOString(),
      result: unitHash(i * 31 + round, o.version) < positive ? 'positive' : 'negative',
      institution: where.institutions[Math.floor(h * where.institutions.length)],
      lab: where.lab,
      reportedAt: new Date(reportedAt).toISOString(),
      region: where.region,
      version: o.version,
    })}\n`;
  }
}

export interface VaccinationBatchOptions {
  /** Lines in all (a person's doses are not split across batches of one run). */
  count: number;
  from?: number;
  version: number;
}

/** NDJSON lines: each person has 1–3 doses (the first in 2021, the second 4 weeks later, a
 * booster half a year after), all of one product. */
export function* vaccinationBatchLines(o: VaccinationBatchOptions): Generator<string> {
  let written = 0;
  for (let i = o.from ?? 0; written < o.count; i++) {
    const h = unitHash(i, 11);
    const doses = 1 + Math.floor(h * 3);
    const where = h < 0.03 ? AWAY : HOME;
    const first = Date.UTC(2021, 3, 1) + Math.floor(h * 180) * 24 * HOUR;
    const offsets = [0, 28, 28 + 183];
    for (let dose = 1; dose <= doses && written < o.count; dose++, written++) {
      yield `${JSON.stringify({
        idNumber: generatedIdNumber(i),
        dose,
        date: new Date(first + offsets[dose - 1] * 24 * HOUR).toISOString().slice(0, 10),
        product: PRODUCTS[Math.floor(h * PRODUCTS.length)],
        site: where === AWAY ? '上海市徐汇区疫苗接种点' : '广州市越秀区社区卫生服务中心接种点',
        region: where.region,
        version: o.version,
      })}\n`;
    }
  }
}
