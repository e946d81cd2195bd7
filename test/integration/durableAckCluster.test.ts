import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import calculateSlot from 'cluster-key-slot';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterReplicaAck } from '@yima/bff/src/features/visits';
import { redisReady } from '@yima/bff/src/redis';
import { freePort, killServers } from '../support/bffProcess';
import { registerResident } from '../support/flows';
import { call } from '../support/http';
import { communityPlace } from '../support/places';
import { startTestApp } from '../support/testApp';

/**
 * VISIT_ACK=replica on a Redis Cluster (decision 0031, amended): WAIT counts one connection's
 * writes to one master, so each master has an appender of its own and a visit's XADD goes to
 * its stream's master. A cluster of the test's own — 3 masters, each with a replica, no files —
 * on free loopback ports (the suite's shared cluster has no replicas).
 */
/** The WAIT timeout where a test expects confirmations: one a loaded CI machine's replicas
 * always meet. The stopped replica's test uses 1 s and times its refusal against it. */
const CONFIRM_TIMEOUT_MS = 3000;
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'yima-ack-cluster-'));
const servers = new Map<number, ChildProcess>();
let nodes: { host: string; port: number }[] = [];

async function until(ok: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await ok().catch(() => false));) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cli = async (port: number, ...args: string[]) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout;

/** The master (`host:port`) of each replica's port, from CLUSTER NODES. */
async function replicaOf(): Promise<Map<string, number>> {
  const lines = (await cli(nodes[0].port, 'cluster', 'nodes')).trim().split('\n');
  const byId = new Map(lines.map((l) => l.split(' ')).map((f) => [f[0], f[1].split('@')[0]]));
  const out = new Map<string, number>();
  for (const f of lines.map((l) => l.split(' '))) if (f[2].includes('slave')) out.set(byId.get(f[3])!, Number(f[1].split('@')[0].split(':')[1]));
  return out;
}

beforeAll(async () => {
  const ports = await Promise.all([0, 1, 2, 3, 4, 5].map(() => freePort()));
  for (const port of ports) {
    const server = spawn(
      'redis-server',
      [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes',
        '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000',
        '--save', '', '--appendonly', 'no', '--daemonize', 'no',
      ], // prettier-ignore
      { stdio: 'ignore' },
    );
    servers.set(port, server);
  }
  for (const port of ports) await until(async () => (await cli(port, 'ping')).trim() === 'PONG', `redis on ${port}`);
  await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes']);
  nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
  await until(async () => /cluster_state:ok/.test(await cli(ports[0], 'cluster', 'info')), 'cluster state ok');
  await until(async () => (await replicaOf()).size === 3, 'three replicas');
  // Every master sees its replica online (its first full sync done), else WAIT counts none.
  await until(async () => {
    for (const master of (await replicaOf()).keys())
      if (!/slave0:.*state=online/.test(await cli(Number(master.split(':')[1]), 'info', 'replication'))) return false;
    return true;
  }, 'replicas in sync');
}, 60_000);

afterAll(async () => {
  await killServers(servers.values());
  rmSync(dir, { recursive: true, force: true });
});

async function cluster(): Promise<Cluster> {
  const c = new Cluster(nodes, { scaleReads: 'master', redisOptions: { commandTimeout: 5000 } });
  await redisReady(c, 10_000);
  return c;
}

/** Keys on three different masters (the visit streams' own names are spread the same way). */
async function keysOnEachMaster(c: Cluster): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; out.size < 3 && i < 1000; i++) {
    const key = `yima:test:ack:${i}`;
    const master = c.slots[calculateSlot(key)][0];
    if (!out.has(master)) out.set(master, key);
  }
  return out;
}

describe('VISIT_ACK=replica on a Redis Cluster', () => {
  it('when visits go to streams on three masters, then each is confirmed by its own master’s replica, with one WAIT per master for a turn’s appends', async () => {
    const c = await cluster();
    const ack = clusterReplicaAck(c, { replicas: 1, timeoutMs: CONFIRM_TIMEOUT_MS, commandTimeoutMs: 5000 });
    try {
      const keys = await keysOnEachMaster(c);
      expect(keys.size).toBe(3);
      // Warm: each master's connection comes up on its first append.
      await Promise.all([...keys.values()].map((k) => ack.xadd(k, ['v', 'warm'])));
      const waits = async () =>
        Promise.all(c.nodes('master').map(async (n) => Number(/^cmdstat_wait:calls=(\d+)/m.exec(await n.info('commandstats'))?.[1] ?? 0)));
      const before = await waits();
      // Entry ids are per stream: two streams may hand out the same one.
      const ids = await Promise.all(
        [...keys.values()].flatMap((k) => Array.from({ length: 100 }, async (_, i) => `${k} ${await ack.xadd(k, ['v', String(i)])}`)),
      );
      expect(new Set(ids).size).toBe(300);
      expect((await waits()).map((n, i) => n - before[i])).toEqual([1, 1, 1]);
      // The replica of each key's master holds all 101 entries at the moment of the answer.
      const replicas = await replicaOf();
      for (const [master, key] of keys) {
        const replica = new Redis({ host: '127.0.0.1', port: replicas.get(master)! });
        await replica.readonly();
        expect(await replica.xlen(key)).toBe(101);
        replica.disconnect();
      }
    } finally {
      await ack.close();
      c.disconnect();
    }
  });

  it('when one master’s replica is stopped, then appends to that master get NOT_REPLICATED within the timeout and the other masters’ are confirmed', async () => {
    const c = await cluster();
    const ack = clusterReplicaAck(c, { replicas: 1, timeoutMs: 1000, commandTimeoutMs: 5000 });
    const keys = await keysOnEachMaster(c);
    const [stoppedMaster, ...others] = [...keys.keys()];
    const replica = servers.get((await replicaOf()).get(stoppedMaster)!)!;
    try {
      await Promise.all([...keys.values()].map((k) => ack.xadd(k, ['v', 'warm'])));
      replica.kill('SIGSTOP');
      const started = Date.now();
      const outcomes = await Promise.allSettled([...keys.values()].map((k) => ack.xadd(k, ['v', 'x'])));
      const took = Date.now() - started;
      const code = (o: PromiseSettledResult<string>) => (o.status === 'fulfilled' ? 'ok' : (o.reason as { code?: string }).code);
      expect(outcomes.map(code)).toEqual(['NOT_REPLICATED', 'ok', 'ok']);
      expect(took).toBeLessThan(1000 + 1500);
      expect(others).toHaveLength(2);
    } finally {
      replica.kill('SIGCONT');
      await ack.close();
      c.disconnect();
    }
  });

  it('when a master drops the appender’s connection (a restart, an idle timeout), then it reconnects and the next visits are confirmed again', async () => {
    const c = await cluster();
    const ack = clusterReplicaAck(c, { replicas: 1, timeoutMs: CONFIRM_TIMEOUT_MS, commandTimeoutMs: 5000 });
    try {
      const [[master, key]] = [...(await keysOnEachMaster(c))];
      await ack.xadd(key, ['v', 'before']);
      // Every client connection of that master is cut, the appender's among them.
      await cli(Number(master.split(':')[1]), 'client', 'kill', 'type', 'normal');
      // Until it reconnects an append may fail fast; then they are confirmed again (before the
      // fix the connection never came back: every append refused until a restart).
      const appended = () =>
        ack.xadd(key, ['v', 'after']).then(
          () => 'confirmed',
          (err: Error) => err.message,
        );
      await expect.poll(appended, { timeout: 5000, interval: 200 }).toBe('confirmed');
    } finally {
      await ack.close();
      c.disconnect();
    }
  });

  it('when the BFF runs on it with VISIT_ACK=replica, then it starts and a resident’s visit is answered 201', async () => {
    const app = await startTestApp({
      env: { REDIS_CLUSTER_NODES: nodes.map((n) => `${n.host}:${n.port}`).join(','), VISIT_ACK: 'replica', VISIT_ACK_TIMEOUT_MS: String(CONFIRM_TIMEOUT_MS) },
    });
    try {
      await app.reset();
      const place = await communityPlace(app, '集群小区', '北京市朝阳区集群路 1 号');
      const residents = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => registerResident(app.url, { name: `集群${'甲乙丙丁戊己'[i]}` })));
      const answers = await Promise.all(
        residents.map((r) => call(app.url, 'POST', `/api/venues/${place}/visits`, {}, { token: r.token, headers: { 'idempotency-key': randomUUID() } })),
      );
      expect(answers.map((a) => a.status)).toEqual(residents.map(() => 201));
      await app.settled();
      const [rows] = await app.db.query<{ n: number }[] & import('mysql2').RowDataPacket[]>('SELECT COUNT(*) AS n FROM visits WHERE venue_id = ?', [place]);
      expect(Number(rows[0].n)).toBe(residents.length);
    } finally {
      await app.close();
    }
  });
});
