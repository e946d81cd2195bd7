/**
 * Realistic provincial batches for demos, tests and the benchmark: valid, distinct ID
 * numbers (several prefectures, birth dates over 80 years), a colour mix with the reason
 * codes a province sends, and one version for the whole batch (feedAuth.ts signs requests).
 * Deterministic: person `i` always has the same ID number, so a second batch with a higher
 * version updates the same people.
 */
import { idCheckChar } from '@yima/shared';

const REGIONS = ['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114', '440115', '440117'];
const DAYS = 80 * 365;
const BIRTH_START = Date.UTC(1940, 0, 1);

/** The ID number of generated person `i` (distinct for i < 10 × 29 200 × 900). */
export function generatedIdNumber(i: number): string {
  const region = REGIONS[i % REGIONS.length];
  const day = Math.floor(i / REGIONS.length) % DAYS;
  const seq = 100 + (Math.floor(i / (REGIONS.length * DAYS)) % 900);
  const birth = new Date(BIRTH_START + day * 86400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

export interface BatchOptions {
  count: number;
  /** First person index (to make batches for different people). */
  from?: number;
  version: number;
  effectiveAt: Date;
  /** Shares of red and yellow; the rest is green. */
  red?: number;
  yellow?: number;
  setBy?: string;
}

const REASONS = {
  green: { reasonCode: 'PROV_NORMAL', reasonText: '省平台核验正常' },
  yellow: { reasonCode: 'PROV_HEALTH_MONITORING', reasonText: '省平台：健康监测人员' },
  red: { reasonCode: 'PROV_CLOSE_CONTACT', reasonText: '省平台：密切接触者' },
} as const;

/** A well-mixed hash of (person, version) in [0, 1): each version draws every colour afresh. */
export function unitHash(i: number, version: number): number {
  let x = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(version, 0x85ebca77);
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39);
  x ^= x >>> 15;
  return (x >>> 0) / 4294967296;
}

/** NDJSON lines, each ending in "\n". The colour of person i depends on i and the version,
 * so a later batch changes some colours, as a real one does. */
export function* batchLines(o: BatchOptions): Generator<string> {
  const red = o.red ?? 0.01;
  const yellow = o.yellow ?? 0.04;
  const effectiveAt = o.effectiveAt.toISOString();
  const setBy = o.setBy ?? '广东省健康码平台';
  for (let n = 0; n < o.count; n++) {
    const i = (o.from ?? 0) + n;
    const h = unitHash(i, o.version);
    const color = h < red ? 'red' : h < red + yellow ? 'yellow' : 'green';
    yield `${JSON.stringify({ idNumber: generatedIdNumber(i), color, ...REASONS[color], setBy, effectiveAt, version: o.version })}\n`;
  }
}
