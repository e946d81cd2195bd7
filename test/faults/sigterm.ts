/**
 * `npx tsx test/faults/sigterm.ts`: SIGTERM to the BFF under load (decision 0028, issue 14's
 * last row). Runs the BFF as its own process against the integration suite's database and
 * Redis (YIMA_TEST_NS, YIMA_TEST_REDIS as for the suite), opens one long poll for each of 10
 * residents, sends visits (each with its own Idempotency-Key) about every 5 ms, and SIGTERMs
 * the BFF after 2 s while the visits keep coming until it has exited.
 *
 * Prints the visits' answers (201, and errors by their socket code: `ECONNREFUSED` — never
 * sent, the listener was closed — is a clear outcome; a reset or a closed socket is not), the
 * long polls' answers, the exit code, the drain time and whether "stopped" was logged. Exits 1
 * if a poll was not answered `{changed:false}`, a visit's outcome is unknown, or the exit
 * code is not 0.
 */
import { randomUUID } from 'node:crypto';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { startBffProcess } from '../support/bffProcess';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { testEnv } from '../support/testApp';

const env = { ...testEnv('integration'), LOG_LEVEL: 'info', REQUEST_LOG_SAMPLE: '0', VISIT_MERGE_MINUTES: '0' };
const bff = await startBffProcess(env);
const op = await loginBySms(bff.url);
await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], env, () => undefined);
const place = await call(
  bff.url,
  'POST',
  '/api/venues',
  { type: 'unit', name: '停机测量单位', address: '测试路 3 号', district: '110105' },
  { token: op.token },
);
const venueId = place.body.id as string;
const residents = [];
for (const name of ['周甲', '周乙', '周丙', '周丁', '周戊', '周己', '周庚', '周辛', '周壬', '周癸']) residents.push(await registerResident(bff.url, { name }));

const failure = (e: { cause?: { code?: string }; message: string }) => `error ${e.cause?.code ?? e.message}`;
const polls = Promise.all(
  residents.map(async (r) => {
    const version = (await call(bff.url, 'GET', '/api/me/code', undefined, { token: r.token })).body.version;
    return call(bff.url, 'GET', `/api/me/code/changes?since=${version}`, undefined, { token: r.token }).then(
      (a) => `${a.status} ${JSON.stringify(a.body)}`,
      failure,
    );
  }),
);

const visits: Record<string, number> = {};
const count = (k: string) => (visits[k] = (visits[k] ?? 0) + 1);
let signalledAt = 0;
let exitCode: number | null = null;
let exited = false;
const stopped = new Promise<void>((resolve) =>
  setTimeout(() => {
    signalledAt = Date.now();
    void bff.stop().then((code) => {
      exitCode = code;
      exited = true;
      resolve();
    });
  }, 2000),
);
const sends: Promise<void>[] = [];
const started = Date.now();
while (!exited && Date.now() - started < 20_000) {
  const r = residents[sends.length % residents.length];
  const headers = { 'idempotency-key': randomUUID() };
  sends.push(
    call(bff.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token, headers }).then(
      (a) => void count(String(a.status)),
      (e) => void count(failure(e)),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await stopped;
const drainMs = Date.now() - signalledAt;
await Promise.all(sends);
const pollAnswers: Record<string, number> = {};
for (const p of await polls) pollAnswers[p] = (pollAnswers[p] ?? 0) + 1;
const unknown = Object.entries(visits).filter(([k]) => k !== '201' && k !== 'error ECONNREFUSED');
const result = { visits, sent: sends.length, polls: pollAnswers, exitCode, drainMs, stopped: bff.output().includes('"msg":"stopped"') };
console.log(JSON.stringify(result));
const ok = pollAnswers['200 {"changed":false}'] === residents.length && unknown.length === 0 && exitCode === 0 && result.stopped;
process.exit(ok ? 0 : 1);
