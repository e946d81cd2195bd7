/**
 * Deadlines on the MySQL/MariaDB pool (docs/decisions/0027). A stalled server keeps its
 * sockets open, so without a deadline every request waits as long as the stall lasts.
 *
 * mysql2's own per-query `timeout` is not enough: it reports an error but leaves the command
 * queued on the connection (lib/commands/query.js), so a late answer from a server that
 * resumes is read as the answer to whatever the next caller runs on it. Here a connection
 * whose query passed its deadline is destroyed, never handed back to the pool; a connection
 * the pool hands over after its caller gave up is released at once.
 *
 * One deadline covers taking a connection and running the query (the caller waits for both).
 * `withDeadline(ms)` is the same pool with another deadline: long jobs (the provincial
 * ingest, the visit drainer, retention, migrations, the CLIs) take a long one explicitly.
 */
import mysql from 'mysql2/promise';
import type { FieldPacket, Pool as CorePool, PoolConnection as CoreConnection, QueryError } from 'mysql2';
import { DependencyTimeout } from '../deadlines';

export interface Db {
  query: mysql.Pool['query'];
  /** A connection whose every query (BEGIN, COMMIT and ROLLBACK included) has this pool's
   * deadline; release it, or destroy it when its state is unknown. */
  getConnection(): Promise<mysql.PoolConnection>;
  end(): Promise<void>;
  readonly deadlineMs: number;
  /** The same pool and connections, with another deadline for what runs through the result. */
  withDeadline(deadlineMs: number): Db;
}

type Result = [unknown, FieldPacket[] | undefined];

/**
 * When the deadline's timer fires, answers already read from the socket may still wait for
 * the event loop's I/O phase (the loop was busy: a render, a GC pause). `setImmediate` runs
 * after that phase, so a query that did answer in time is not failed for the loop's delay.
 */
function afterPendingIo(then: () => void): () => void {
  return () => setImmediate(then);
}

type Sql = string | mysql.QueryOptions;
type Done = (err: QueryError | null, rows?: unknown, fields?: FieldPacket[]) => void;

function send(conn: CoreConnection, sql: Sql, values: unknown, done: Done): void {
  if (values === undefined) conn.query(sql as string, done);
  else conn.query(sql as string, values as never, done);
}

/** Runs `sql` on `conn`; past the deadline the connection is destroyed. */
function queryOn(conn: CoreConnection, sql: Sql, values: unknown, deadlineMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      afterPendingIo(() => {
        if (settled) return;
        settled = true;
        // Its answer may still come, and would be read as the next command's: never reuse it.
        conn.destroy();
        reject(new DependencyTimeout('mysql', 'query', deadlineMs));
      }),
      deadlineMs,
    );
    send(conn, sql, values, (err, rows, fields) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve([rows, fields]);
    });
  });
}

/**
 * The hot path, `db.query`: one timer covers the wait for a connection and the query. A
 * connection the pool hands over after the deadline is released unused; one whose query
 * passed it is destroyed.
 */
function pooledQuery(core: CorePool, sql: Sql, values: unknown, deadlineMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    let conn: CoreConnection | null = null;
    let settled = false;
    const timer = setTimeout(
      afterPendingIo(() => {
        if (settled) return;
        settled = true;
        conn?.destroy();
        reject(new DependencyTimeout('mysql', conn ? 'query' : 'acquire', deadlineMs));
      }),
      deadlineMs,
    );
    core.getConnection((err, c) => {
      if (settled) return void c?.release();
      if (err) {
        settled = true;
        clearTimeout(timer);
        return reject(err);
      }
      conn = c;
      send(c, sql, values, (qerr, rows, fields) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // After a fatal error the pool has dropped the connection: release() is then a no-op.
        c.release();
        if (qerr) reject(qerr);
        else resolve([rows, fields]);
      });
    });
  });
}

/** A connection from the pool within the deadline; one that comes later is released. */
function acquire(core: CorePool, deadlineMs: number): Promise<CoreConnection> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      afterPendingIo(() => {
        if (settled) return;
        settled = true;
        reject(new DependencyTimeout('mysql', 'acquire', deadlineMs));
      }),
      deadlineMs,
    );
    core.getConnection((err, conn) => {
      if (settled) return void conn?.release();
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(conn);
    });
  });
}

/** The driver's promise connection, its queries under the deadline. The transaction helpers
 * go through `query` too (the driver's own would bypass it). */
function deadlineConnection(core: CoreConnection, deadlineMs: number): mysql.PoolConnection {
  const Base = (mysql as unknown as { PoolConnection: new (c: CoreConnection) => mysql.PoolConnection }).PoolConnection;
  const conn = new Base(core);
  const query = (sql: Sql, values?: unknown) => queryOn(core, sql, values, deadlineMs);
  return Object.assign(conn, {
    query,
    // Nothing here uses prepared statements; should something call execute, it runs as a
    // text query under the same deadline rather than bypassing it.
    execute: query,
    beginTransaction: async () => void (await query('START TRANSACTION')),
    commit: async () => void (await query('COMMIT')),
    rollback: async () => void (await query('ROLLBACK')),
  }) as mysql.PoolConnection;
}

export function withDeadlines(pool: mysql.Pool, deadlineMs: number): Db {
  const core = pool.pool;
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1) throw new Error('a query deadline must be a positive whole number of ms');
  const db: Db = {
    deadlineMs,
    query: ((sql: Sql, values?: unknown) => pooledQuery(core, sql, values, deadlineMs)) as unknown as Db['query'],
    async getConnection() {
      return deadlineConnection(await acquire(core, deadlineMs), deadlineMs);
    },
    end: () => pool.end(),
    withDeadline: (ms) => withDeadlines(pool, ms),
  };
  return db;
}
