/**
 * Numbered SQL migrations (bff/migrations/NNN_name.sql), applied in order at start.
 * Safe twice (applied ones are recorded) and from two processes at once (a named lock
 * serialises them). The SQL runs on MySQL 8, MariaDB 10.11 and TiDB: no triggers,
 * procedures or RETURNING.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RowDataPacket } from 'mysql2';
import { grantAppAccount, type AppAccount } from './grants';
import type { Db } from './pool';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
/** MariaDB's named locks are server-wide: the name carries the database, so migrating one
 * database (a test run, another city on a shared server) never waits for another's. */
const LOCK_SQL = "SELECT GET_LOCK(CONCAT('yima_migrations:', DATABASE()), 60) AS got";
const UNLOCK_SQL = "SELECT RELEASE_LOCK(CONCAT('yima_migrations:', DATABASE()))";

/** Applies the migrations not yet applied, then (given the application account) brings its
 * grants in line with the tables (db/grants.ts), under the same lock. `db` must be an admin
 * account's. */
export async function migrate(db: Db, options: { appAccount?: AppAccount } = {}): Promise<string[]> {
  const conn = await db.getConnection();
  try {
    const [[lock]] = await conn.query<RowDataPacket[]>(LOCK_SQL);
    if (lock.got !== 1) throw new Error('could not take the migration lock within 60 s');
    try {
      await conn.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           id VARCHAR(128) NOT NULL PRIMARY KEY,
           applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
         ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
      );
      const [rows] = await conn.query<RowDataPacket[]>('SELECT id FROM schema_migrations');
      const done = new Set(rows.map((r) => r.id as string));
      const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file)) continue;
        const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
        // One statement at a time: DDL commits implicitly, so each file must be re-runnable
        // (CREATE TABLE IF NOT EXISTS …) in case a process died half-way.
        for (const statement of splitStatements(sql)) await conn.query(statement);
        await conn.query('INSERT INTO schema_migrations (id) VALUES (?)', [file]);
        applied.push(file);
      }
      if (options.appAccount) await grantAppAccount((sql, values) => conn.query<RowDataPacket[]>(sql, values), options.appAccount);
      return applied;
    } finally {
      await conn.query(UNLOCK_SQL);
    }
  } finally {
    conn.release();
  }
}

/** Splits on semicolons at line ends; our migrations hold no procedures or string semicolons. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
