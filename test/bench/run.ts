/**
 * `npm run bench`: performance figures, never pass/fail tests. Everything runs on this
 * machine against 127.0.0.1, bounded in time. Writes docs/benchmarks.md.
 *
 * 1. GET /api/me/code (session + code state from Redis, check-in rules, Ed25519 signing)
 *    against a bare Koa route, one process each, load from wrk on the same box.
 * 2. The H5 code page: navigation to QR visible, cold (new browser context), in Chromium.
 * 3. The weapp main-package size.
 * 4. Visits and scans against bare Koa (places.ts).
 * 5. A million-line provincial batch (provincial.ts; BENCH_SKIP_FEED=1 keeps the last figures).
 * 6. A million-line nucleic-acid batch (healthFeeds.ts; skipped with the provincial one).
 * 7. The code route and scans with two workers against one process (workers.ts, decision 0029).
 * 8. With BENCH_BIGDATA=1 only: the code route and scans at 10 k and 10 M residents
 *    (bigDataBench.ts, issue 14); generating 10 M residents takes long the first time.
 *
 * Not run here: the peer comparison with luca's check-in (`npm run bench:peer`, peerLuca.ts;
 * it needs luca set up once with `npm run peer:luca -- setup`, docs/peer-luca.md). Its section
 * of docs/benchmarks.md is kept when this rewrites the file, as is the SMS flood's (smsFlood.ts,
 * which `npm run bench` runs after this; alone: `npm run bench:sms`).
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT, startBffProcess } from '../support/bffProcess';
import { startBareKoa } from './bareKoaProcess';
import { launchChromium } from '../support/browser';
import { buildH5, H5_DIST } from '../support/buildH5';
import { dropTestDatabase } from '../support/globalSetup';
import { cpuMicros } from './cpu';
import { existingProvincialSection, runProvincialBench, writeProvincialSection } from './provincial';
import { existingPlacesSection, runPlacesBench, writePlacesSection } from './places';
import { existingHealthFeedsSection, runHealthFeedsBench, writeHealthFeedsSection } from './healthFeeds';
import { existingWorkersSection, runWorkersBench, writeWorkersSection } from './workers';
import { checkedInResidents } from './residents';
import { benchEnv } from './benchEnv';
import { wrk, type WrkResult } from './wrk';
import { existingSection } from './docSection';
import { runBigDataBench, writeBigDataSection } from './bigDataBench';
import { commitMeasured } from './measured';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = 3;
const CONNECTIONS = 64;
const USERS = 200;

/** True once the visible QR is on screen: its image decoded (H5 draws the QR as an SVG image). */
const qrDrawn = () =>
  Array.from(document.querySelectorAll('#qr img')).some(
    (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 && (img as HTMLElement).offsetParent !== null,
  );

function dirSize(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

const fmt = (r: WrkResult) =>
  `${Math.round(r.requestsPerSecond).toLocaleString('en-US')} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;

async function main() {
  await dropTestDatabase('bench');

  console.log('building H5…');
  buildH5();
  const bare = await startBareKoa();
  // Production settings for logging: info level, 1 % of successful requests sampled.
  const env = benchEnv({
    STATIC_DIR: H5_DIST,
  });
  const bff = await startBffProcess(env, { discardOutput: true });
  // The same BFF with the in-process cache and token reuse off: every request reads Redis and signs.
  const uncached = await startBffProcess({ ...env, CODE_CACHE_SECONDS: '0', CODE_TOKEN_REUSE_SECONDS: '0' }, { discardOutput: true });
  try {
    console.log(`registering ${USERS} residents…`);
    const tokens = await checkedInResidents(bff.url, USERS, '137');

    console.log('warming up…');
    await wrk(bare.url, { seconds: 3, connections: CONNECTIONS });
    await wrk(`${bff.url}/api/me/code`, { seconds: 3, connections: CONNECTIONS, tokens });
    await wrk(`${uncached.url}/api/me/code`, { seconds: 3, connections: CONNECTIONS, tokens });

    // This machine is shared and its speed drifts between runs: interleave the targets and
    // take each one's median round, so all three see the same conditions.
    console.log('measuring…');
    const runs = { bare: [] as WrkResult[], code: [] as WrkResult[], uncached: [] as WrkResult[] };
    const cpu = { bare: [] as number[], code: [] as number[], uncached: [] as number[] };
    // CPU time per request of the server process: steadier than req/s on a shared machine.
    const measure = async (name: keyof typeof runs, pid: number, url: string, withTokens: boolean) => {
      const before = cpuMicros(pid);
      const result = await wrk(url, { seconds: SECONDS, connections: CONNECTIONS, tokens: withTokens ? tokens : undefined });
      runs[name].push(result);
      cpu[name].push((cpuMicros(pid) - before) / result.requests);
    };
    for (let round = 0; round < ROUNDS; round++) {
      await measure('bare', bare.pid, bare.url, false);
      await measure('code', bff.pid, `${bff.url}/api/me/code`, true);
      await measure('uncached', uncached.pid, `${uncached.url}/api/me/code`, true);
    }
    const medianOf = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const cpuBare = medianOf(cpu.bare);
    const cpuCode = medianOf(cpu.code);
    const cpuUncached = medianOf(cpu.uncached);
    console.log(`CPU per request: bare ${cpuBare.toFixed(1)} µs, code ${cpuCode.toFixed(1)} µs, caches off ${cpuUncached.toFixed(1)} µs`);
    const median = (list: WrkResult[]) => [...list].sort((x, y) => x.requestsPerSecond - y.requestsPerSecond)[Math.floor(list.length / 2)];
    const bareResult = median(runs.bare);
    const codeResult = median(runs.code);
    const uncachedResult = median(runs.uncached);
    const ratio = codeResult.requestsPerSecond / bareResult.requestsPerSecond;
    const uncachedRatio = uncachedResult.requestsPerSecond / bareResult.requestsPerSecond;
    console.log(`bare Koa:              ${fmt(bareResult)}`);
    console.log(`/api/me/code:          ${fmt(codeResult)}  (${(ratio * 100).toFixed(1)} % of bare Koa)`);
    console.log(`/api/me/code uncached: ${fmt(uncachedResult)}  (${(uncachedRatio * 100).toFixed(1)} % of bare Koa)`);
    const halfLoad = await wrk(`${bff.url}/api/me/code`, { seconds: SECONDS, connections: CONNECTIONS / 4, tokens });
    console.log(`/api/me/code, 16 connections: ${fmt(halfLoad)}`);

    console.log('timing the H5 code page…');
    const browser = await launchChromium();
    const timings: number[] = [];
    try {
      for (let i = 0; i < 7; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        await context.addInitScript((token) => localStorage.setItem('yima.session', JSON.stringify({ data: token })), tokens[i]);
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${bff.url}/#/pages/code/index`);
        await page.locator('#qr >> visible=true').waitFor({ timeout: 15_000 });
        await page.waitForFunction(qrDrawn, undefined, { timeout: 15_000 });
        timings.push(Date.now() - started);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    timings.sort((a, b) => a - b);
    const pageMedian = timings[Math.floor(timings.length / 2)];
    console.log(`H5 code page, navigation → QR visible (cold): median ${pageMedian} ms, max ${timings.at(-1)} ms`);

    console.log('building weapp…');
    execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
      cwd: join(REPO_ROOT, 'miniprogram'),
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const weappBytes = dirSize(join(REPO_ROOT, 'miniprogram/dist/weapp'));
    const h5Js = readdirSync(join(H5_DIST, 'js')).reduce((s, f) => s + statSync(join(H5_DIST, 'js', f)).size, 0);

    const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
    const date = new Date().toISOString().slice(0, 10);
    const report = `# Benchmarks

Written by \`npm run bench\` (test/bench/run.ts). Figures, not tests: nothing here passes or fails CI.

- Date: ${date}
- Commit: ${commitMeasured()}
- Machine: ${cpus().length} × ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; MariaDB, Redis, the servers and the load generator all on this one machine
- Load: wrk, 1 thread, ${CONNECTIONS} connections, ${SECONDS} s per run after a 3 s warm-up, loopback only; each server one Node process.
  The three targets are measured in ${ROUNDS} interleaved rounds and each reported by its median round (this shared machine drifts by ±30 % between minutes).

## GET /api/me/code against bare Koa

| target | req/s | p50 | p99 |
|---|---|---|---|
| bare Koa (one JSON route) | ${Math.round(bareResult.requestsPerSecond).toLocaleString('en-US')} | ${bareResult.p50Ms.toFixed(2)} ms | ${bareResult.p99Ms.toFixed(2)} ms |
| \`GET /api/me/code\` (${USERS} residents, round-robin) | ${Math.round(codeResult.requestsPerSecond).toLocaleString('en-US')} | ${codeResult.p50Ms.toFixed(2)} ms | ${codeResult.p99Ms.toFixed(2)} ms |
| \`GET /api/me/code\`, caches off (every request: Redis + a new signature) | ${Math.round(uncachedResult.requestsPerSecond).toLocaleString('en-US')} | ${uncachedResult.p50Ms.toFixed(2)} ms | ${uncachedResult.p99Ms.toFixed(2)} ms |
| \`GET /api/me/code\` at 16 connections | ${Math.round(halfLoad.requestsPerSecond).toLocaleString('en-US')} | ${halfLoad.p50Ms.toFixed(2)} ms | ${halfLoad.p99Ms.toFixed(2)} ms |

Ratio: **${(ratio * 100).toFixed(1)} %** of bare Koa (target ≥ 40 %); with the caches off ${(uncachedRatio * 100).toFixed(1)} %.

Server CPU time per request (median round; steadier than req/s here): bare Koa
**${cpuBare.toFixed(1)} µs**, \`/api/me/code\` **${cpuCode.toFixed(1)} µs**, caches off ${cpuUncached.toFixed(1)} µs — so by CPU the
code route costs ${((cpuBare / cpuCode) * 100).toFixed(0)} % of bare Koa's throughput per core (caches off ${((cpuBare / cpuUncached) * 100).toFixed(0)} %).${codeResult.non2xx ? ` ${codeResult.non2xx} answers were not 2xx.` : ''}

Each code request: the session and the code state from the process cache (a few seconds,
dropped by Redis pub/sub on any change) or else one Redis MGET; the check-in rules against
the in-memory risk-area list; an Ed25519 signature (node:crypto) unless the same holder got
a token for the same colour in the last 20 s; failed or slow requests and 1 % of the rest get
a request-log line (pino, info, buffered).
In this benchmark ${USERS} residents ask again and again, so the caches hit; a resident whose
page refreshes once a minute mostly takes the uncached path (the "caches off" row).

Rounds (req/s): bare ${runs.bare.map((r) => Math.round(r.requestsPerSecond)).join(' / ')}; code ${runs.code.map((r) => Math.round(r.requestsPerSecond)).join(' / ')}; caches off ${runs.uncached.map((r) => Math.round(r.requestsPerSecond)).join(' / ')}.

## H5 code page

Navigation to QR visible, cold (new browser context, session already stored), Chromium
headless on localhost, ${timings.length} runs: median **${pageMedian} ms**, max ${timings.at(-1)} ms (target ≤ 800 ms).
All runs: ${timings.join(', ')} ms.

## Bundle sizes

| build | size |
|---|---|
| weapp main package (all of dist/weapp) | ${(weappBytes / 1024).toFixed(0)} KiB (target ≤ 600 KiB; WeChat's limit 2 MiB) |
| H5 JavaScript | ${(h5Js / 1024).toFixed(0)} KiB |
`;
    // The provincial section is measured last (it needs the machine to itself); until then the
    // previous figures are kept.
    const kept = [
      existingProvincialSection(),
      existingPlacesSection(),
      existingHealthFeedsSection(),
      existingWorkersSection(),
      existingSection('sms-flood'),
      existingSection('peer-luca'),
      existingSection('durable-ack'),
      existingSection('bigdata'),
    ]
      .filter(Boolean)
      .join('\n\n');
    writeFileSync(join(REPO_ROOT, 'docs/benchmarks.md'), kept ? `${report}\n${kept}\n` : report);
    console.log('wrote docs/benchmarks.md');
  } finally {
    bare.stop();
    await bff.stop();
    await uncached.stop();
  }
}

async function all() {
  await main();
  console.log('visits and scans benchmark…');
  writePlacesSection(await runPlacesBench());
  console.log('two workers against one process…');
  writeWorkersSection(await runWorkersBench());
  if (process.env.BENCH_BIGDATA === '1') {
    console.log('10 k and 10 M residents…');
    writeBigDataSection(await runBigDataBench());
  }
  if (process.env.BENCH_SKIP_FEED === '1') return;
  console.log('provincial feed benchmark…');
  writeProvincialSection(await runProvincialBench());
  console.log('wrote the provincial section of docs/benchmarks.md');
  console.log('nucleic-acid feed benchmark…');
  writeHealthFeedsSection(await runHealthFeedsBench());
  console.log('wrote the health-feeds section of docs/benchmarks.md');
}

all().catch((err) => {
  console.error(err);
  process.exit(1);
});
