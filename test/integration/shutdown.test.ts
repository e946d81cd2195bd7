import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '@yima/bff/src/cli/admin';
import { startBffProcess } from '../support/bffProcess';
import { loginBySms, registerResident } from '../support/flows';
import { call } from '../support/http';
import { startTestApp, testEnv, type TestApp } from '../support/testApp';

/** Graceful shutdown (bff/src/shutdown.ts, decision 0028), against the BFF as a real process:
 * SIGTERM while long polls are open and a visit is in flight. */
let app: TestApp;
beforeAll(async () => {
  // No drainer of its own: the visits the BFF processes here acknowledge are theirs to write.
  app = await startTestApp({ background: false });
  await app.reset();
});
afterAll(() => app.close());

/** A POST whose body the test finishes later: a request the server is in the middle of. */
function slowPost(url: string, path: string, token: string, body: string) {
  const u = new URL(url + path);
  let finish!: () => void;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-forwarded-for': '10.99.0.1',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { answer, finish: () => finish() };
}

/** A unit with an operator's grant and registered residents, made through a BFF process. */
async function unitWithResidents(url: string, unitName: string, address: string, names: string[]) {
  const op = await loginBySms(url);
  expect(await runAdmin(['grant', '--phone', op.phone, '--role', 'operator'], testEnv('integration'), () => undefined)).toBe(0);
  const venue = await call(url, 'POST', '/api/venues', { type: 'unit', name: unitName, address, district: '110105' }, { token: op.token });
  expect(venue.status).toBe(201);
  const residents = await Promise.all(names.map((name) => registerResident(url, { name })));
  return { venueId: venue.body.id as string, residents };
}

describe('SIGTERM', () => {
  it('when long polls are open and a visit is in flight, then the polls are answered "no change", the visit completes, and the process exits 0 with a stopped line', async () => {
    const bff = await startBffProcess({ ...testEnv('integration'), LOG_LEVEL: 'info' });
    try {
      const { venueId, residents } = await unitWithResidents(bff.url, '停机测试单位', '测试路 2 号', ['钱甲', '钱乙', '钱丙']);
      // Three long polls per resident (the BFF keeps up to four per account).
      const polls = [];
      for (const r of residents) {
        const code = await call(bff.url, 'GET', '/api/me/code', undefined, { token: r.token });
        expect(code.status).toBe(200);
        for (let i = 0; i < 3; i++) polls.push(call(bff.url, 'GET', `/api/me/code/changes?since=${code.body.version}`, undefined, { token: r.token }));
      }
      const inFlight = slowPost(bff.url, `/api/venues/${venueId}/visits`, residents[0].token, JSON.stringify({}));
      // Let the polls and the half-sent visit reach the server before the signal.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const exited = bff.stop();
      await expect.poll(() => bff.output().includes('"msg":"draining"'), { timeout: 10_000, interval: 50 }).toBe(true);

      const answered = await Promise.all(polls);
      expect(answered.map((a) => [a.status, a.body])).toEqual(answered.map(() => [200, { changed: false }]));

      inFlight.finish();
      const visit = await inFlight.answer;
      expect(visit.status).toBe(201);
      expect(JSON.parse(visit.body).pass.venue.id).toBe(venueId);

      expect(await exited).toBe(0);
      expect(bff.output()).toContain('"msg":"stopped"');
      expect(bff.output()).not.toContain('forced exit');
      // The visit answered during the drain was written (the drainer stops after it).
      const [rows] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venueId]);
      const pending = Number(rows[0].n);
      if (pending === 0) await app.drainVisits(); // left pending in Redis for the next process
      const [after] = await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venueId]);
      expect(Number(after[0].n)).toBe(1);
    } finally {
      await bff.kill();
    }
  });

  it('when a BFF process acknowledges visits, then its drainer thread writes them to MySQL unasked, and on SIGTERM the thread stops and the process exits 0', async () => {
    // A BFF process drains in a worker thread by default (VISIT_DRAINER=thread, decision 0032);
    // nothing here drains by hand.
    const bff = await startBffProcess({ ...testEnv('integration'), LOG_LEVEL: 'info' });
    try {
      const { venueId, residents } = await unitWithResidents(bff.url, '排水线程单位', '测试路 3 号', ['孙甲', '孙乙', '孙丙']);
      for (const r of residents) expect((await call(bff.url, 'POST', `/api/venues/${venueId}/visits`, {}, { token: r.token })).status).toBe(201);
      const stored = async () => Number((await app.db.query<any[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [venueId]))[0][0].n);
      await expect.poll(stored, { timeout: 10_000, interval: 50 }).toBe(3);
      expect(await bff.stop()).toBe(0);
      expect(bff.output()).toContain('"msg":"stopped"');
      expect(bff.output()).not.toContain('visit drainer thread');
    } finally {
      await bff.kill();
    }
  });

  it('when shutdown begins, then readiness answers 503 stopping at once and a new long poll is answered "no change" at once', async () => {
    const own = await startTestApp();
    try {
      const r = await registerResident(own.url, { name: '钱丁' });
      const code = await call(own.url, 'GET', '/api/me/code', undefined, { token: r.token });
      expect((await call(own.url, 'GET', '/readyz')).status).toBe(200);
      own.beginShutdown();
      const ready = await call(own.url, 'GET', '/readyz');
      expect([ready.status, ready.body]).toEqual([503, { status: 'stopping' }]);
      const poll = await call(own.url, 'GET', `/api/me/code/changes?since=${code.body.version}`, undefined, { token: r.token });
      expect([poll.status, poll.body]).toEqual([200, { changed: false }]);
    } finally {
      await own.close();
    }
  });

  it('when a request never ends, then the process exits 1 after the bound and says so', async () => {
    const bff = await startBffProcess({ ...testEnv('integration'), LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '1500' });
    try {
      const r = await loginBySms(bff.url);
      const stuck = slowPost(bff.url, '/api/me/checkins', r.token, JSON.stringify({ note: 'never finished' }));
      stuck.answer.catch(() => undefined); // reset by the forced exit: expected
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await bff.stop()).toBe(1);
      expect(bff.output()).toContain('forced exit');
      expect(bff.output()).not.toContain('"msg":"stopped"');
    } finally {
      await bff.kill();
    }
  });
});
