/**
 * The rows of the big data set (test/bench/bigData.ts), apart from any connection: pure and
 * deterministic but for the sealing's random IVs, so the generator can build the next chunk in
 * a worker thread (bigDataRowsWorker.ts) while MariaDB loads the current one.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { idCheckChar, maskIdNumber, PRIVACY_NOTICE_VERSION } from '@yima/shared';

/** Not a secret: the benchmark's own keys, fixed so a data set made once is readable by every
 * later run's BFF (the test suites' keys are random per run). */
const BIG_KEY_SEED = createHash('sha256').update('yima-bench-bigdata-not-a-secret').digest();
export const derived = (purpose: string) => createHmac('sha256', BIG_KEY_SEED).update(purpose).digest().toString('base64');
export const PII_KEY = derived('pii');
export const BLIND_INDEX_KEY = derived('blind-index');

/** Relatives' person ids start here, two per filer: `DEP_BASE + 2 × resident + k`. */
const DEP_BASE = 1_000_000_000_000;
export const DISTRICTS = ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建华文辉力斌宇浩凯鹏飞鑫波宁婷雪梅琳晨阳子涵欣怡思雨佳琪梓萱浩然宇轩';
export const VENUE_TYPES = ['community', 'unit', 'station', 'checkpoint', 'public'] as const;

/** mulberry32: a resident's numbers from its own seed, the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same sealing as bff/src/crypto/pii.ts (format 1, 12-byte IV, tag, column bound in as
 * associated data), with the key object made once: it runs tens of millions of times. */
const encKey = Buffer.from(PII_KEY, 'base64');
const idxKey = Buffer.from(BLIND_INDEX_KEY, 'base64');
function seal(field: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  cipher.setAAD(Buffer.from(field));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]).toString('hex');
}
const blind = (field: string, value: string) => createHmac('sha256', idxKey).update(`${field}\0${value}`).digest('hex');

/** An ID number unique per `n` (< 27 M per district list entry): birth day and sequence from n. */
export function idNumberOf(n: number): string {
  const day = n % 27_000;
  const seq = Math.floor(n / 27_000) % 1000;
  const region = DISTRICTS[Math.floor(n / 27_000_000) % DISTRICTS.length];
  const birth = new Date(Date.UTC(1940, 0, 1) + day * 86400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
export const phoneOf = (resident: number) => `13${String(resident).padStart(9, '0')}`;

export const sqlTime = (t: number) => new Date(t).toISOString().slice(0, 23).replace('T', ' ');
const chinaDay = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

const GREEN_ANSWERS = (district: string) =>
  JSON.stringify({ temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district, detail: '1号' } });
const YELLOW_ANSWERS = (district: string) =>
  JSON.stringify({ temperature: 'normal', symptoms: ['cough'], visitedAreas: [], contact: 'none', address: { district, detail: '1号' } });

/** Rows of one chunk, per table, as tab-separated lines (binary columns in hex). */
export type Rows = Record<string, string[]>;

export function chunkRows(from: number, to: number, venues: number, now: number): Rows {
  const rows: Rows = {
    persons: [],
    users: [],
    verified_accounts: [],
    checkins: [],
    checkin_holds: [],
    marks: [],
    provincial_states: [],
    colour_history: [],
    dependents: [],
    visits: [],
  };
  const at = sqlTime(now);
  const today = chinaDay(now);
  const yesterday = chinaDay(now - 86400_000);
  const dayBefore = chinaDay(now - 2 * 86400_000);
  const person = (id: number, n: number, random: () => number) => {
    const idNumber = idNumberOf(n);
    const name =
      SURNAMES[Math.floor(random() * SURNAMES.length)] +
      GIVEN[Math.floor(random() * GIVEN.length)] +
      (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)] : '');
    const idHash = blind('id_number', idNumber);
    rows.persons.push(`${id}\t${idHash}\t${seal('id_number', idNumber)}\t${seal('name', name)}\t${randomBytes(8).toString('hex')}\t${at}\t${at}`);
    return { idHash, idNumber };
  };
  const history = (personId: number, idHash: string, color: string, decidedBy: string, reason: string, t: number) =>
    rows.colour_history.push(`${personId}\t${idHash}\tgrey\t${color}\t${decidedBy}\tsystem\t${reason}\t\t${sqlTime(t)}`);
  for (let r = from; r < to; r++) {
    const random = rng(r * 2654435761);
    const district = DISTRICTS[r % DISTRICTS.length];
    const { idHash, idNumber } = person(r, r, random);
    const phone = phoneOf(r);
    rows.users.push(`${r}\t${blind('phone', phone)}\t${seal('phone', phone)}\t${r}\tzh\t${at}\t${at}\t${at}\t${PRIVACY_NOTICE_VERSION}`);
    rows.verified_accounts.push(`${r}\t${r}\tdev\t${randomBytes(16).toString('hex')}\t${at}`);
    const roll = random();
    const colour = roll < 0.01 ? 'red' : roll < 0.03 ? 'yellow' : 'green';
    // Latest check-in: today for most, yesterday for the rest (at a random minute of the day).
    const latestToday = random() < 0.85;
    const latestAt = now - Math.floor(random() * 20 * 3600_000) - (latestToday ? 0 : 86400_000);
    const latestDay = latestToday ? today : yesterday;
    const answers = colour === 'yellow' ? YELLOW_ANSWERS(district) : GREEN_ANSWERS(district);
    const checkinColour = colour === 'yellow' ? 'yellow' : 'green';
    const checkinReasons = colour === 'yellow' ? 'SYMPTOMS' : '';
    rows.checkins.push(`${r}\t${latestDay}\t${answers}\t${checkinColour}\t${checkinReasons}\t${sqlTime(latestAt)}\t${r}\t\\N`);
    if (random() < 0.8)
      rows.checkins.push(`${r}\t${latestToday ? yesterday : dayBefore}\t${GREEN_ANSWERS(district)}\tgreen\t\t${sqlTime(latestAt - 86400_000)}\t${r}\t\\N`);
    if (colour === 'yellow') rows.checkin_holds.push(`${r}\tyellow\tSYMPTOMS\t${sqlTime(latestAt)}\t\\N\t\\N\t${sqlTime(latestAt)}`);
    if (colour === 'red') {
      const setAt = now - Math.floor(random() * 5 * 86400_000);
      rows.marks.push(
        `${r}\t${idHash}\t${district}\tred\tHOME_ISOLATION\t居家隔离\t《传染病防治法》第三十九条\t1\t${sqlTime(setAt)}\t\\N\t\\N\t\\N\t\\N\t${maskIdNumber(idNumber)}`,
      );
    }
    if (random() < 0.3) rows.provincial_states.push(`${idHash}\tgreen\tNONE\t省平台\tprovince\t${sqlTime(now - 86400_000)}\t${sqlTime(now - 3600_000)}\t1`);
    history(
      r,
      idHash,
      colour,
      colour === 'red' ? `mark:${district}` : 'checkin',
      colour === 'red' ? 'HOME_ISOLATION' : colour === 'yellow' ? 'SYMPTOMS' : 'CHECKIN_OK',
      latestAt,
    );
    if (random() < 0.1) {
      const count = random() < 0.5 ? 1 : 2;
      for (let k = 0; k < count; k++) {
        const depId = DEP_BASE + 2 * r + k;
        // Relatives' ID numbers come after every resident's (the district list's second half).
        const dep = person(depId, 100_000_000 + 2 * r + k, random);
        rows.dependents.push(`${2 * r + k}\t${r}\t${depId}\t${k === 0 ? 'parent' : 'child'}\t\\N\t${at}\t${at}\t\\N\t\\N`);
        rows.checkins.push(`${depId}\t${latestDay}\t${GREEN_ANSWERS(district)}\tgreen\t\t${sqlTime(latestAt)}\t${r}\t\\N`);
        history(depId, dep.idHash, 'green', 'checkin', 'CHECKIN_OK', latestAt);
      }
    }
    for (let k = 0; k < 2; k++) {
      const id = 2 * r + k;
      const venue = 1 + Math.floor(random() * venues);
      const visitAt = now - Math.floor(random() * 7 * 86400_000);
      rows.visits.push(`${id}\t${venue}\t${r}\tself\t${colour}\t${k === 0 ? 'pass' : 'scan'}\t\\N\t0\t0\t${sqlTime(visitAt)}\tbig-${id}`);
    }
  }
  return rows;
}
