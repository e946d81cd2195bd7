/** The MySQL/MariaDB pool the BFF queries through (MYSQL_URL: the application account, which
 * may not create databases — db/setup.ts does that as the admin account). Every query has a
 * deadline (db/deadlinePool.ts): the request path a short one, long jobs a long one. */
import mysql from 'mysql2/promise';
import { withDeadlines, type Db } from './deadlinePool';

export type { Db } from './deadlinePool';

/** Driver options for a `mysql://user:password@host:port/database` URL, and the database. */
export function connectionOptions(url: string) {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error('MYSQL_URL must name a database made of letters, digits and _');
  const options = {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4_unicode_ci',
    // affectedRows counts rows changed, not rows matched: an upsert that finds a newer
    // version already held reports 0, which is how the provincial feed counts duplicates.
    flags: ['-FOUND_ROWS'] as string[],
    // The driver scans every statement for placeholders even when there are no values; a
    // provincial chunk is a 400 KB statement built with its values in place, so skip the scan.
    queryFormat: (sql: string, values: unknown) =>
      values === undefined || (Array.isArray(values) && values.length === 0) ? sql : mysql.format(sql, values as never, false, 'Z'),
  } as const;
  return { options, database };
}

/** Creates the database named in `url` if missing, connecting as `url`'s account (an admin). */
export async function ensureDatabase(url: string): Promise<void> {
  const { options, database } = connectionOptions(url);
  const admin = await mysql.createConnection(options);
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
}

/** A pool on the database named in `url`, which must exist already. `deadlineMs`: how long
 * one query (taking a connection included) may take before it fails with
 * DEPENDENCY_TIMEOUT; `db.withDeadline(ms)` gives long jobs the same pool with a longer one. */
export async function createDb(url: string, poolSize: number, deadlineMs: number): Promise<Db> {
  const { options, database } = connectionOptions(url);
  // A stalled server also stalls the handshake of a new connection: give up on it at the
  // query deadline's scale, not the driver's default 10 s (the caller stopped waiting anyway).
  const connectTimeout = Math.max(1000, Math.min(deadlineMs, 10_000));
  return withDeadlines(mysql.createPool({ ...options, database, connectionLimit: poolSize, waitForConnections: true, connectTimeout }), deadlineMs);
}
