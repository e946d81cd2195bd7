import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffProcess, type BffProcess } from '../support/bffProcess';
import { registerResident } from '../support/flows';
import { testEnv } from '../support/testApp';

/** The real BFF with BFF_WORKERS=2 (decision 0029): two node:cluster workers behind one port.
 * Each worker keeps its own in-process caches and long-poll waiters; what one changes, the
 * other must show (invalidation over Redis pub/sub), and the port must outlive a worker.
 *
 * To reach a chosen worker a test keeps one connection to it (an agent of one socket, kept
 * alive): the primary hands out connections, not requests. Every answer names its worker
 * (`X-Yima-Worker`, dev only), and each helper checks it is the one meant. */
let bff: BffProcess;
beforeAll(async () => {
  bff = await startBffProcess({ ...testEnv('integration'), BFF_WORKERS: '2', LOG_LEVEL: 'warn' });
});
afterAll(async () => {
  await bff?.kill();
});

interface Answer {
  status: number;
  body: any;
  worker: number;
}

function send(agent: Agent | false, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'x-forwarded-for': '10.77.0.1' };
    if (payload) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const req = request(`${bff.url}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, worker: Number(res.headers['x-yima-worker']) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** One kept-alive connection per worker: new connections until both workers have answered.
 * The BFF counts as started once one worker answers; the other may still be compiling (tsx),
 * or be the replacement of a killed one: up to a minute. */
async function pinBothWorkers(): Promise<{ pid: number; agent: Agent }[]> {
  const pinned = new Map<number, Agent>();
  const deadline = Date.now() + 60_000;
  while (pinned.size < 2 && Date.now() < deadline) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { worker } = await send(agent, 'GET', '/healthz');
    expect(worker).toBeGreaterThan(0);
    if (pinned.has(worker)) {
      agent.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    } else pinned.set(worker, agent);
  }
  expect(pinned.size).toBe(2);
  return [...pinned].map(([pid, agent]) => ({ pid, agent }));
}

/** Sends on a pinned connection and checks that worker answered. */
async function on(w: { pid: number; agent: Agent }, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const answer = await send(w.agent, method, path, body, token);
  expect(answer.worker).toBe(w.pid);
  return answer;
}

const NORMAL = { temperature: 'normal', symptoms: [], visitedAreas: [], contact: 'none', address: { district: '110105', detail: '1 号' } };
const CONFIRMED = { ...NORMAL, contact: 'confirmed' };

describe('BFF_WORKERS=2', () => {
  it('when a resident checks in through one worker, then the other worker answers the new colour', async () => {
    const [a, b] = await pinBothWorkers();
    const r = await registerResident(bff.url);
    expect((await on(b, 'POST', '/api/me/checkins', NORMAL, r.token)).status).toBe(201);
    // A caches the green state (the second read is served from its memory)…
    expect((await on(a, 'GET', '/api/me/code', undefined, r.token)).body.color).toBe('green');
    expect((await on(a, 'GET', '/api/me/code', undefined, r.token)).body.color).toBe('green');
    // …and drops it when B announces the change (pub/sub: within moments, not a cache's life).
    expect((await on(b, 'POST', '/api/me/checkins', CONFIRMED, r.token)).status).toBe(201);
    await expect.poll(async () => (await on(a, 'GET', '/api/me/code', undefined, r.token)).body.color, { timeout: 2000, interval: 20 }).toBe('red');
    a.agent.destroy();
    b.agent.destroy();
  });

  it('when a long poll waits on one worker and a check-in lands on the other, then the poll answers changed', async () => {
    const [a, b] = await pinBothWorkers();
    const r = await registerResident(bff.url);
    expect((await on(b, 'POST', '/api/me/checkins', NORMAL, r.token)).status).toBe(201);
    const { version } = (await on(a, 'GET', '/api/me/code', undefined, r.token)).body;
    const started = Date.now();
    const poll = on(a, 'GET', `/api/me/code/changes?since=${version}`, undefined, r.token);
    // Let the poll reach A's waiters before the change (otherwise it would see a newer version
    // at once and never wait, proving nothing about the bus).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await on(b, 'POST', '/api/me/checkins', CONFIRMED, r.token)).status).toBe(201);
    const answer = await poll;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ changed: true });
    // Woken, not timed out: a long poll gives up only after ~25 s.
    expect(Date.now() - started).toBeLessThan(20_000);
    a.agent.destroy();
    b.agent.destroy();
  });

  it('when a worker is killed, then the port keeps answering and another worker takes its place', async () => {
    const [a, b] = await pinBothWorkers();
    a.agent.destroy();
    b.agent.destroy();
    process.kill(a.pid, 'SIGKILL');
    // Reaped by the primary: signal 0 fails once the pid is gone.
    await expect.poll(() => isAlive(a.pid), { timeout: 10_000, interval: 50 }).toBe(false);
    // New connections go to the worker left, then also to the new one.
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const res = await send(false, 'GET', '/healthz');
          expect(res.status).toBe(200);
          seen.add(res.worker);
          return [...seen].some((pid) => pid !== a.pid && pid !== b.pid);
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true);
    expect(seen.has(a.pid)).toBe(false);
    expect(bff.output()).toContain('worker died; starting another');
  });

  it('when the primary gets SIGTERM, then it stops its workers and exits 0', async () => {
    expect(await bff.stop()).toBe(0);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
