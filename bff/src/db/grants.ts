/**
 * The BFF's own database account and what it may do, table by table (decision 0015). The
 * admin account (MYSQL_ADMIN_URL) runs this after the migrations; the BFF then connects as
 * the application account (MYSQL_URL), so an audit trail is append-only because the server
 * refuses anything else — whatever statement a future change writes (`REPLACE`, a
 * multi-table `DELETE`, `UPDATE … JOIN`, `INSERT … ON DUPLICATE KEY UPDATE`).
 *
 * Portable to MySQL 8, MariaDB 10.11 and TiDB: `CREATE USER IF NOT EXISTS`, `ALTER USER …
 * IDENTIFIED BY`, plain per-table `GRANT`/`REVOKE` and information_schema's privilege
 * tables. No roles (MariaDB's and MySQL's differ: default roles, `SET ROLE`), no `REVOKE IF
 * EXISTS` (MySQL 8.0.30+ only), no partial revokes, no column privileges.
 */
import mysql, { type RowDataPacket } from 'mysql2/promise';

/** Audit trails: the BFF adds rows and reads them, never changes or removes one. Each was
 * checked against its writers (every statement on it is an INSERT or a SELECT). A retention
 * job for one of them would have to run as the admin account (decision 0015). */
export const APPEND_ONLY_TABLES = [
  'colour_history',
  'proxy_actions',
  'id_lookups',
  'filing_attempts',
  'record_views',
  'stats_exports',
  'role_grant_log',
  'privacy_consents',
] as const;

/** Tables that belong to the migrations, not the application. */
const NOT_GRANTED = new Set(['schema_migrations']);

const APPEND_ONLY = ['INSERT', 'SELECT'];
const READ_WRITE = ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];

/** The application account, as MYSQL_URL names it. */
export interface AppAccount {
  user: string;
  password: string;
  /** The host part of the account (`%`: from anywhere the server's network allows). */
  host: string;
  database: string;
}

/** The privileges each table of `database` should give the application: a pure function of
 * the table list, so a test can state the policy without a server. */
export function privilegesFor(tables: readonly string[]): Map<string, string[]> {
  const appendOnly = new Set<string>(APPEND_ONLY_TABLES);
  const out = new Map<string, string[]>();
  for (const table of tables) {
    if (NOT_GRANTED.has(table)) continue;
    out.set(table, appendOnly.has(table) ? APPEND_ONLY : READ_WRITE);
  }
  return out;
}

type Query = (sql: string, values?: unknown[]) => Promise<[RowDataPacket[], unknown]>;

/**
 * Creates the application account if missing, sets its password to MYSQL_URL's, and makes its
 * privileges on `database` exactly `privilegesFor(tables)`: missing ones granted, extra ones
 * (including any database-wide grant) revoked. Grants come before revokes, so a BFF already
 * running on the account never loses what it still needs. Idempotent.
 */
export async function grantAppAccount(query: Query, account: AppAccount): Promise<void> {
  const who = mysql.format('?@?', [account.user, account.host]);
  const grantee = `'${account.user}'@'${account.host}'`; // as information_schema spells it
  await query(`CREATE USER IF NOT EXISTS ${who} IDENTIFIED BY ?`, [account.password]);
  await query(`ALTER USER ${who} IDENTIFIED BY ?`, [account.password]);

  const [global] = await query("SELECT PRIVILEGE_TYPE AS p FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ? AND PRIVILEGE_TYPE <> 'USAGE'", [grantee]);
  if (global.length) {
    // Not ours to take away (the account may serve other databases), and with them the
    // per-table limits below mean nothing.
    throw new Error(
      `the application account ${grantee} has server-wide privileges (${global.map((r) => r.p).join(', ')}); give the BFF an account of its own in MYSQL_URL`,
    );
  }

  const [tableRows] = await query("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", [
    account.database,
  ]);
  const wanted = privilegesFor(tableRows.map((r) => String(r.t)));
  const [heldRows] = await query(
    'SELECT TABLE_NAME AS t, PRIVILEGE_TYPE AS p FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?',
    [grantee, account.database],
  );
  const held = new Map<string, Set<string>>();
  for (const r of heldRows) held.set(String(r.t), (held.get(String(r.t)) ?? new Set()).add(String(r.p)));

  const table = (t: string) => `${mysql.escapeId(account.database)}.${mysql.escapeId(t)}`;
  for (const [t, privileges] of wanted) {
    const missing = privileges.filter((p) => !held.get(t)?.has(p));
    if (missing.length) await query(`GRANT ${missing.join(', ')} ON ${table(t)} TO ${who}`);
  }
  const [schemaRows] = await query('SELECT PRIVILEGE_TYPE AS p FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?', [
    grantee,
    account.database,
  ]);
  if (schemaRows.length) await query(`REVOKE ${schemaRows.map((r) => String(r.p)).join(', ')} ON ${mysql.escapeId(account.database)}.* FROM ${who}`);
  for (const [t, privileges] of held) {
    const extra = [...privileges].filter((p) => !wanted.get(t)?.includes(p));
    if (extra.length) await query(`REVOKE ${extra.join(', ')} ON ${table(t)} FROM ${who}`);
  }
}
