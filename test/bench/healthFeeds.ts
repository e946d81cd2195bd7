/**
 * The nucleic-acid feed benchmark (issue 13): a signed batch of a million test results over
 * HTTP to a BFF process, as the provincial benchmark sends its batch (provincial.ts: same
 * signing, posting and seeding). No target: a figure to know. Run alone with
 * `npx tsx test/bench/healthFeeds.ts` (it rewrites its section of docs/benchmarks.md) or as
 * part of `npm run bench`.
 *
 * The server's InnoDB buffer pool is left as it is (the provincial benchmark raises it; this
 * one shares its server with others): its size is reported with the figures.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import { nucleicAcidBatchLines } from '@yima/bff/src/features/healthFeeds';
import { REPO_ROOT, startBffProcess } from '../support/bffProcess';
import { dropTestDatabase } from '../support/globalSetup';
import { testEnv, TEST_DB } from '../support/testApp';
import { existingSection, markers, writeSection } from './docSection';
import { peakRssMiB, postFile, seedRegistered, type Posted } from './provincial';

const LINES = Number(process.env.BENCH_HEALTH_LINES ?? 1_000_000);
const ROUNDS = 3;
/** Registered here: every tenth person of the batch (their cached code states are dropped). */
const REGISTERED = Math.floor(LINES / ROUNDS / 10);
const ROUTE = { feed: 'lab', route: '/api/feeds/nucleic-acid/batches' };
const { start: SECTION_START, end: SECTION_END } = markers('health-feeds');

async function writeBatch(path: string, version: number, at: Date): Promise<void> {
  const out = createWriteStream(path);
  for (const line of nucleicAcidBatchLines({ count: LINES, version, rounds: ROUNDS, at })) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export async function runHealthFeedsBench(): Promise<string> {
  await dropTestDatabase('bench');
  const env: Record<string, string> = { ...testEnv('bench'), LOG_LEVEL: 'info', REQUEST_LOG_SAMPLE: '0.01', TRUST_PROXY_HOPS: '0' };
  const labKey = env.NUCLEIC_ACID_FEEDS.split(',')
    .map((e) => e.split(':'))
    .find(([id]) => id === 'lab')![1];
  const key = Buffer.from(labKey, 'base64');
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  const [[server]] = await conn.query<mysql.RowDataPacket[]>('SELECT @@innodb_buffer_pool_size AS size, VERSION() AS version');
  const bff = await startBffProcess(env, { discardOutput: true });
  await conn.query(`USE \`${TEST_DB.bench.mysql}\``);
  try {
    console.log(`seeding ${REGISTERED} registered residents…`);
    await seedRegistered(conn, env, REGISTERED);
    const at = new Date();
    const first = join(tmpdir(), 'yima-bench-nucleic-v1.ndjson');
    const second = join(tmpdir(), 'yima-bench-nucleic-v2.ndjson');
    console.log(`writing two batches of ${LINES} results…`);
    await writeBatch(first, 1, at);
    await writeBatch(second, 2, at);
    const runs: [string, Posted][] = [];
    for (const [name, file] of [
      ['batch 1: every result new', first],
      ['batch 2: every line a newer version (a correction of each)', second],
      ['batch 2 replayed (idempotent: nothing changes)', second],
    ] as const) {
      console.log(`posting ${name}…`);
      // A signature covers a whole second: the replay is signed in the next one (a repeated
      // signature is refused before the body is read).
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const posted = await postFile(bff.url, file, key, ROUTE);
      if (posted.status !== 202) throw new Error(`${name}: ${posted.status} ${JSON.stringify(posted.body)}`);
      console.log(`  ${posted.ms} ms`, posted.body);
      runs.push([name, posted]);
    }
    const rss = peakRssMiB(bff.pid);
    const perSecond = (p: Posted) => Math.round((LINES / p.ms) * 1000).toLocaleString('en-US');
    return `${SECTION_START}
## Nucleic-acid feed: ${LINES.toLocaleString('en-US')}-line batches

Written by test/bench/healthFeeds.ts on ${new Date().toISOString().slice(0, 10)} at commit ${commit()} (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB;
MariaDB ${String(server.version)} with a ${Number(server.size) / 2 ** 20} MiB buffer pool, Redis and the BFF on the same machine, shared with other work). One BFF process;
${Math.ceil(LINES / ROUNDS).toLocaleString('en-US')} people with ${ROUNDS} test rounds each (the last perhaps fewer), ${REGISTERED.toLocaleString('en-US')} of them registered here (every tenth: their cached code states are dropped).
Each batch is signed, streamed over HTTP, spooled with its SHA-256 checked, then read and checked on the request's thread (zod contract + ID-number checks, no fast path)
and applied in ${Math.min(2000, Number(env.PROVINCIAL_ROWS_PER_STATEMENT ?? 2000))}-line chunks by ${env.PROVINCIAL_WRITERS ?? 2} writers (one transaction each: a version-guarded multi-row upsert). No target; a figure to know.

| run | time | lines/s | answer |
|---|---|---|---|
${runs.map(([name, p]) => `| ${name} | **${(p.ms / 1000).toFixed(1)} s** | ${perSecond(p)} | accepted ${p.body.accepted}, duplicates ${p.body.duplicates}, rejected ${p.body.rejectedCount} |`).join('\n')}

Peak resident memory of the BFF over the three: ${rss.toFixed(0)} MiB. Where the time goes: checking a line (zod contract and ID number) costs
about 5 µs and its blind index 1.5 µs (measured apart, 2026-11-26), some 6.5 s of a million lines; the rest is the database's (rows keyed by a
random blind index, a buffer pool smaller than the table), so the provincial feed's fast path and reader threads would gain little here.
${SECTION_END}`;
  } finally {
    await bff.stop();
    await conn.end();
  }
}

export const writeHealthFeedsSection = (section: string) => writeSection('health-feeds', section);
export const existingHealthFeedsSection = () => existingSection('health-feeds');

if (import.meta.url === `file://${process.argv[1]}`) {
  runHealthFeedsBench().then(
    (section) => {
      writeHealthFeedsSection(section);
      console.log('wrote the health-feeds section of docs/benchmarks.md');
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
