/**
 * Readies the database before anything queries it, as the admin account: creates the
 * database, applies the migrations and (when MYSQL_ADMIN_URL names an account other than
 * MYSQL_URL's) creates the application account with per-table grants (decision 0015).
 * server.ts, the CLIs and the tests call it; the BFF's pool then connects as MYSQL_URL.
 */
import type { Config } from '../config';
import { connectionOptions, createDb, ensureDatabase } from './pool';
import { migrate } from './migrate';

const MIGRATION_DEADLINE_MS = 3600_000;

export interface DatabaseReady {
  applied: string[];
  /** False in single-account mode (no MYSQL_ADMIN_URL): the audit tables are append-only by
   * the code's discipline alone. */
  grantsEnforced: boolean;
}

export async function prepareDatabase(config: Pick<Config, 'mysqlUrl' | 'mysqlAdminUrl' | 'mysqlAppHost'>): Promise<DatabaseReady> {
  const app = connectionOptions(config.mysqlUrl);
  // The admin URL's own path, if any, is ignored: the database is always MYSQL_URL's.
  const adminUrl = new URL(config.mysqlAdminUrl ?? config.mysqlUrl);
  adminUrl.pathname = `/${app.database}`;
  await ensureDatabase(adminUrl.toString());
  // A migration may rebuild a large table, and waits up to 60 s for another process's
  // migration lock: its deadline is long, but still a deadline.
  const admin = await createDb(adminUrl.toString(), 1, MIGRATION_DEADLINE_MS);
  try {
    const appAccount = config.mysqlAdminUrl
      ? { user: app.options.user, password: app.options.password, host: config.mysqlAppHost, database: app.database }
      : undefined;
    const applied = await migrate(admin, { appAccount });
    return { applied, grantsEnforced: appAccount !== undefined };
  } finally {
    await admin.end();
  }
}
