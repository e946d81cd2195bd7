/** The MySQL/MariaDB pool. The database named in MYSQL_URL is created if missing, so a
 * fresh server needs nothing done by hand. */
import mysql from 'mysql2/promise';

export type Db = mysql.Pool;

export async function createDb(url: string, poolSize: number): Promise<Db> {
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
  const admin = await mysql.createConnection(options);
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return mysql.createPool({ ...options, database, connectionLimit: poolSize, waitForConnections: true });
}
