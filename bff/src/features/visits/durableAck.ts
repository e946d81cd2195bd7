/**
 * When a visit counts as acknowledged (issue 14, docs/decisions/0031-durable-acknowledgement.md).
 *
 * - `write`: once XADD answered — the entry is in the Redis master's memory and, with
 *   `appendfsync everysec`, on its disk within about a second. Survives a crash of the Redis
 *   process; up to ~1 s of acknowledged visits is lost with the Redis host.
 * - `replica`: once XADD answered *and* `VISIT_ACK_REPLICAS` replicas confirmed having it
 *   (WAIT). Survives the loss of the master's host (disk included) as long as a replica is
 *   promoted. Fewer replicas within `VISIT_ACK_TIMEOUT_MS`: 503 `NOT_REPLICATED`.
 *
 * Group commit: WAIT blocks the connection that issues it, and it counts every write made
 * earlier on that connection. So replica mode writes its XADDs on a connection of its own
 * (never the request path's shared auto-pipelined one, which a WAIT would stall) and sends one
 * WAIT for all XADDs sent since the previous WAIT went out: at most one WAIT is in flight; the
 * XADDs sent meanwhile queue behind it in Redis, and the next WAIT, sent when it returns,
 * answers them all. Under load one WAIT thus confirms hundreds of visits.
 */
import calculateSlot from 'cluster-key-slot';
import { Cluster, type Redis, type RedisOptions } from 'ioredis';
import { dataNodes, type RedisClient } from '../../redis';
import { DomainError } from '@yima/shared';
import type { Config } from '../../config';

export type VisitAckMode = Config['venues']['ack']['mode'];

export interface StreamAppender {
  /** XADD `fields` to `key` with an automatic id; resolves with the id once acknowledged. */
  xadd(key: string, fields: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Fewer replicas than asked confirmed within the timeout. The entry stays in the master's
 * stream (it cannot be taken back: a replica or the drainer may already have it), so it will
 * usually reach MySQL; the client is told it was not stored safely and retries. */
export const notReplicated = () =>
  new DomainError('NOT_REPLICATED', 'the visit could not be copied to a second server in time; please try again', { retryAfterSeconds: 1 });

/** `write`: the XADD's own answer, on the shared (auto-pipelined) client. */
export function writeAck(redis: RedisClient): StreamAppender {
  return {
    xadd: async (key, fields) => (await redis.xadd(key, '*', ...fields)) as string,
    close: async () => undefined,
  };
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * `replica`: XADD, then a WAIT shared with every XADD sent since the last one went out.
 * `commandTimeoutMs` is the request path's Redis deadline; the connection's deadline is the
 * WAIT timeout plus it, since an XADD may queue behind a WAIT for up to `timeoutMs`.
 */
export function replicaAck(redis: Redis, o: { replicas: number; timeoutMs: number; commandTimeoutMs: number }, overrides: RedisOptions = {}): StreamAppender {
  const conn = redis.duplicate({ commandTimeout: o.timeoutMs + o.commandTimeoutMs, ...overrides });
  // Its failures reach the callers as rejected commands (503s); the shared client already
  // tells of Redis being away.
  conn.on('error', () => undefined);
  // The first visits after start may come before this connection is up: with the offline queue
  // off they would fail, so they wait for it, as server.ts waits for the shared client. Later
  // (Redis away) commands fail fast as everywhere else.
  let firstReady: Promise<void> | null = new Promise((resolve) => conn.once('ready', resolve));
  /** XADDs already sent that no WAIT sent after them covers yet. */
  let waiting: Waiter[] = [];
  let inFlight = false;
  let scheduled = false;

  function sendWait(): void {
    scheduled = false;
    if (inFlight || !waiting.length) return;
    const batch = waiting;
    waiting = [];
    inFlight = true;
    conn.wait(o.replicas, o.timeoutMs).then(
      (got) => {
        inFlight = false;
        const err = got >= o.replicas ? null : notReplicated();
        for (const w of batch) {
          if (err) w.reject(err);
          else w.resolve();
        }
        sendWait();
      },
      (err: unknown) => {
        inFlight = false;
        for (const w of batch) w.reject(err);
        sendWait();
      },
    );
  }

  /** Resolves once a WAIT sent after this call reports enough replicas. */
  function confirmed(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject });
      // The first XADD of an idle spell: let the rest of this event-loop turn's XADDs go out
      // first, so one WAIT covers them all.
      if (!inFlight && !scheduled) {
        scheduled = true;
        setImmediate(sendWait);
      }
    });
  }

  return {
    async xadd(key, fields) {
      if (firstReady) {
        if (conn.status === 'ready') firstReady = null;
        else await Promise.race([firstReady, new Promise((resolve) => setTimeout(resolve, o.commandTimeoutMs).unref())]);
      }
      // Commands on one connection run in the order sent: the WAIT confirmed() sends later
      // follows this XADD.
      const id = conn.xadd(key, '*', ...fields) as Promise<string>;
      const [streamId] = await Promise.all([id, confirmed()]);
      return streamId;
    },
    async close() {
      conn.disconnect();
    },
  };
}

/** A cluster's node connections are lazy, never reconnect by themselves (the cluster client
 * rebuilds them) and queue commands while away; a master's WAIT connection is the appender's
 * own, so it connects at once, reconnects as a single server's does (ioredis's default
 * strategy) and fails fast while away — else one dropped connection (a restart, an idle
 * timeout) refused every visit of that master's streams until the BFF restarted. */
const NODE_CONNECTION: RedisOptions = {
  lazyConnect: false,
  enableOfflineQueue: false,
  retryStrategy: (times) => Math.min(times * 50, 2000),
};

/**
 * `replica` on a Redis Cluster: WAIT counts the writes of one connection to one master, so each
 * master gets a replica-mode appender of its own (the same group commit), and a visit's XADD
 * goes to the one holding its stream's slot — by the cluster client's slot table, the slot
 * computed as the cluster does. A stream moved meanwhile (resharding, a failover) answers
 * MOVED: the table is refreshed and the visit refused as not replicated (the client retries
 * with its Idempotency-Key); nothing was written on the old master.
 */
export function clusterReplicaAck(cluster: Cluster, o: { replicas: number; timeoutMs: number; commandTimeoutMs: number }): StreamAppender {
  const perMaster = new Map<string, StreamAppender>();
  function appenderFor(key: string): StreamAppender {
    const master = cluster.slots[calculateSlot(key)]?.[0];
    if (master === undefined) throw notReplicated();
    // The master's own appender outlives the cluster client's node connection (which the
    // client drops from its list while that connection is down): looked up first.
    const known = perMaster.get(master);
    if (known) return known;
    const node = cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === master);
    if (!node) throw notReplicated();
    const appender = replicaAck(node, o, NODE_CONNECTION);
    perMaster.set(master, appender);
    return appender;
  }
  return {
    async xadd(key, fields) {
      try {
        return await appenderFor(key).xadd(key, fields);
      } catch (err) {
        if (err instanceof Error && /^(MOVED|ASK|CLUSTERDOWN)\b/.test(err.message)) {
          void cluster.refreshSlotsCache();
          throw notReplicated();
        }
        throw err;
      }
    },
    async close() {
      await Promise.all([...perMaster.values()].map((a) => a.close()));
    },
  };
}

/** Replicas connected to the Redis master now (INFO replication), for the start-up check. */
export async function connectedReplicas(redis: RedisClient): Promise<number> {
  return Math.min(...(await Promise.all(dataNodes(redis).map(nodeReplicas))));
}

async function nodeReplicas(redis: Redis): Promise<number> {
  const info = await redis.info('replication');
  return Number(/^connected_slaves:(\d+)/m.exec(info)?.[1] ?? 0);
}

export function createStreamAppender(
  redis: RedisClient,
  o: { mode: VisitAckMode; replicas: number; timeoutMs: number; commandTimeoutMs: number },
): StreamAppender {
  if (o.mode === 'write') return writeAck(redis);
  return redis instanceof Cluster ? clusterReplicaAck(redis, o) : replicaAck(redis, o);
}
