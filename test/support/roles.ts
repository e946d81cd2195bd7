import { runAdmin } from '@yima/bff/src/cli/admin';
import type { TestApp } from './testApp';
import { testEnv } from './testApp';

/** The environment the admin command runs in against a test app: its keys and database. */
export function adminEnv(app: TestApp): Record<string, string> {
  return {
    ...testEnv('integration'),
    PII_KEY: app.config.piiKey.toString('base64'),
    BLIND_INDEX_KEY: app.config.blindIndexKey.toString('base64'),
    MYSQL_URL: app.config.mysqlUrl,
    // The same server as the app's (a stall test reaches it through a proxy).
    ...(app.config.mysqlAdminUrl ? { MYSQL_ADMIN_URL: app.config.mysqlAdminUrl } : {}),
  };
}

/** Runs the real admin command (`npm run admin -- …`): its exit code and what it printed. */
export async function admin(app: TestApp, args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runAdmin(args, adminEnv(app), (l) => lines.push(l));
  return { code, lines };
}

/** Grants a role through the real admin command, as an operator would. */
export async function grantRole(app: TestApp, phone: string, role: string, scope?: string): Promise<string[]> {
  const { code, lines } = await admin(app, ['grant', '--phone', phone, '--role', role, ...(scope ? ['--scope', scope] : [])]);
  if (code !== 0) throw new Error(lines.join('\n'));
  return lines;
}
