import { runAdmin } from '@yima/bff/src/cli/admin';
import type { TestApp } from './testApp';
import { testEnv } from './testApp';

/** Grants a role through the real admin command, as an operator would. */
export async function grantRole(app: TestApp, phone: string, role: string, scope?: string): Promise<string[]> {
  const lines: string[] = [];
  const env = {
    ...testEnv('integration'),
    PII_KEY: app.config.piiKey.toString('base64'),
    BLIND_INDEX_KEY: app.config.blindIndexKey.toString('base64'),
    MYSQL_URL: app.config.mysqlUrl,
  };
  const code = await runAdmin(['grant', '--phone', phone, '--role', role, ...(scope ? ['--scope', scope] : [])], env, (l) => lines.push(l));
  if (code !== 0) throw new Error(lines.join('\n'));
  return lines;
}
