import { APPEND_ONLY_TABLES, grantAppAccount, privilegesFor } from '@yima/bff/src/db/grants';
import { prepareDatabase } from '@yima/bff/src/db/setup';
import type { RowDataPacket } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testAppUser, type TestApp } from '../support/testApp';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const grantee = `'${testAppUser('integration')}'@'%'`;
const held = async () => {
  const [rows] = await app.adminDb.query<RowDataPacket[]>(
    'SELECT TABLE_NAME AS t, PRIVILEGE_TYPE AS p FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = DATABASE()',
    [grantee],
  );
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.t] ??= []).push(r.p);
  for (const t of Object.keys(out)) out[t].sort();
  return out;
};

describe("the BFF's database account (decision 0015)", () => {
  it('when the migrations have run, then it holds exactly: insert and select on the audit tables, select/insert/update/delete on every other table, nothing on the migrations or the database as a whole', async () => {
    const [tables] = await app.adminDb.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    );
    const expected = Object.fromEntries([...privilegesFor(tables.map((r) => String(r.t)))].map(([t, p]) => [t, [...p].sort()]));
    expect(await held()).toEqual(expected);
    for (const t of APPEND_ONLY_TABLES) expect(expected[t]).toEqual(['INSERT', 'SELECT']);
    expect(expected.users).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(expected.schema_migrations).toBeUndefined();
    const [schemaWide] = await app.adminDb.query<RowDataPacket[]>('SELECT * FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ?', [grantee]);
    expect(schemaWide).toEqual([]);
  });

  it.each(APPEND_ONLY_TABLES)('when the BFF tries to change or remove a row of %s, then MariaDB refuses', async (table) => {
    for (const sql of [`UPDATE ${table} SET at = at`, `DELETE FROM ${table}`, `DELETE t FROM ${table} t`]) {
      await expect(app.db.query(sql), sql).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    }
    await expect(app.db.query(`SELECT COUNT(*) FROM ${table}`)).resolves.toBeDefined();
  });

  it('when someone widened the grants by hand, then the next start takes the extra privileges back and keeps the needed ones', async () => {
    const db = app.config.mysqlAdminUrl as string;
    await app.adminDb.query(`GRANT UPDATE, DELETE ON colour_history TO ${grantee}`);
    await app.adminDb.query(`GRANT SELECT, UPDATE ON \`${new URL(db).pathname.slice(1)}\`.* TO ${grantee}`);
    await app.adminDb.query(`REVOKE INSERT ON users FROM ${grantee}`);
    await prepareDatabase(app.config);
    expect((await held()).colour_history).toEqual(['INSERT', 'SELECT']);
    expect((await held()).users).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    const [schemaWide] = await app.adminDb.query<RowDataPacket[]>('SELECT * FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ?', [grantee]);
    expect(schemaWide).toEqual([]);
    // A connection opened after the revoke is refused again.
    await expect(app.db.query('UPDATE colour_history SET at = at')).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
  });

  it('when the account named in MYSQL_URL has server-wide privileges, then the grants refuse to pretend and say why', async () => {
    const user = 'yima_wide_test';
    await app.adminDb.query(`CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY 'x'`);
    await app.adminDb.query(`GRANT UPDATE ON *.* TO '${user}'@'%'`);
    try {
      const conn = await app.adminDb.getConnection();
      try {
        const query = (sql: string, values?: unknown[]) => conn.query<RowDataPacket[]>(sql, values);
        await expect(grantAppAccount(query, { user, password: 'x', host: '%', database: 'unused' })).rejects.toThrow(/server-wide privileges \(UPDATE\)/);
      } finally {
        conn.release();
      }
    } finally {
      await app.adminDb.query(`DROP USER IF EXISTS '${user}'@'%'`);
    }
  });
});
