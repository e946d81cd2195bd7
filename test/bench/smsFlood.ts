/**
 * `npm run bench:sms` (and part of `npm run bench`): the SMS flood of issue 14. Every request
 * asks a code for a new phone, so only the global cap (the provider's capacity,
 * `SMS_GLOBAL_PER_SECOND`) stands between the flood and the provider. The BFF runs as its own
 * process against a fake Tencent Cloud SMS on loopback that counts what reaches it.
 *
 * The cap is a Redis window of one second that opens at its first message (rate-limiter-flexible):
 * at most `capacity` messages per window, and windows do not overlap. So over a flood of D
 * seconds the provider may receive at most capacity × (windows opened), and windows opened ≤
 * ⌈D⌉ + 1. The benchmark prints what reached the provider, that bound, the busiest second of
 * arrivals, and the answers by code (202, or 429 SMS_PROVIDER_BUSY offering simple login), three
 * times; it fails if the provider ever got more than the bound.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startFakeTencentSms } from '../support/fakes/tencentSms';
import { startBffProcess } from '../support/bffProcess';
import { dropTestDatabase } from '../support/globalSetup';
import { testEnv } from '../support/testApp';
import { writeSection } from './docSection';

const CAPACITY = 50;
const SECONDS = 5;
const CONCURRENCY = 64;
const RUNS = 3;

interface FloodResult {
  requests: number;
  byAnswer: Record<string, number>;
  reached: number;
  bound: number;
  busiestSecond: number;
  seconds: number;
}

const machineLine = () =>
  `Written by test/bench/smsFlood.ts on ${new Date().toISOString().slice(0, 10)} at commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim()} (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB)`;

async function flood(base: string, firstPhone: number): Promise<Omit<FloodResult, 'reached' | 'bound' | 'busiestSecond'>> {
  const byAnswer: Record<string, number> = {};
  let next = firstPhone;
  let requests = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  async function worker() {
    while (performance.now() < until) {
      const phone = String(next++);
      requests++;
      const res = await fetch(`${base}/api/auth/sms-codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone }),
      });
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
      const key = `${res.status}${body.error?.code ? ` ${body.error.code}` : ''}`;
      byAnswer[key] = (byAnswer[key] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { requests, byAnswer, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  await dropTestDatabase('bench');
  const provider = await startFakeTencentSms();
  const arrivals: number[] = [];
  const sentBefore = provider.sent.push.bind(provider.sent);
  // Arrival times, as the provider sees them (the fake records the messages it accepts).
  provider.sent.push = (...items) => {
    for (let i = 0; i < items.length; i++) arrivals.push(performance.now());
    return sentBefore(...items);
  };
  const bff = await startBffProcess(
    {
      ...testEnv('bench'),
      LOG_LEVEL: 'warn',
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_ENDPOINT: provider.host,
      TENCENT_SMS_PROTOCOL: 'http',
      TENCENT_SMS_SECRET_ID: 'AKIDbench',
      TENCENT_SMS_SECRET_KEY: 'bench-secret',
      TENCENT_SMS_SDK_APP_ID: '1400000000',
      TENCENT_SMS_SIGN_NAME: '一码通行',
      TENCENT_SMS_TEMPLATE_ID: '100001',
      SMS_GLOBAL_PER_SECOND: String(CAPACITY),
      SMS_IP_LIMIT: '1000000',
    },
    { discardOutput: true },
  );
  const results: FloodResult[] = [];
  let failed = false;
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh window: the previous run's last window has closed.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const from = arrivals.length;
      const startedAt = performance.now();
      const r = await flood(bff.url, 13_600_000_000 + run * 1_000_000);
      // Messages still on their way to the provider when the flood stopped.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const mine = arrivals.slice(from).map((t) => t - startedAt);
      const perSecond = new Map<number, number>();
      for (const t of mine) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
      const bound = CAPACITY * (Math.ceil(r.seconds) + 1);
      const result = { ...r, reached: mine.length, bound, busiestSecond: Math.max(0, ...perSecond.values()) };
      results.push(result);
      if (result.reached > bound) failed = true;
      console.log(
        `run ${run + 1}: ${r.requests} requests in ${r.seconds.toFixed(1)} s, ${result.reached} reached the provider (bound ${bound}, busiest second ${result.busiestSecond}); answers ${JSON.stringify(r.byAnswer)}`,
      );
    }
  } finally {
    await bff.stop();
    await provider.close();
  }

  const rows = results.map(
    (r, i) =>
      `| ${i + 1} | ${r.requests.toLocaleString('en-US')} in ${r.seconds.toFixed(1)} s | ${r.reached} | ${r.bound} | ${r.busiestSecond} | ${Object.entries(
        r.byAnswer,
      )
        .map(([k, n]) => `${n.toLocaleString('en-US')} × ${k}`)
        .join(', ')} |`,
  );
  writeSection(
    'sms-flood',
    [
      '<!-- sms-flood:start -->',
      '## SMS flood (issue 14)',
      '',
      `${machineLine()}. \`npm run bench:sms\`: ${CONCURRENCY} clients ask codes for new phones for ${SECONDS} s on 127.0.0.1, the provider's capacity set to ${CAPACITY}/s (\`SMS_GLOBAL_PER_SECOND\`), a fake Tencent Cloud SMS on loopback counting what reaches it. The bound is capacity × (windows the flood can open = ⌈seconds⌉ + 1): the provider must never get more. Three consecutive runs:`,
      '',
      '| run | requests | reached the provider | bound | busiest second | answers |',
      '|---|---|---|---|---|---|',
      ...rows,
      '<!-- sms-flood:end -->',
    ].join('\n'),
  );
  if (failed) {
    console.error('FAIL: the provider got more messages than its capacity allows');
    process.exit(1);
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
