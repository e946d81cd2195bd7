/**
 * Operator command line: grants and revokes roles by phone number.
 *   npm run admin -- grant  --phone 13800000000 --role operator [--scope <id>]
 *   npm run admin -- revoke --phone 13800000000 --role operator [--scope <id>]
 *   npm run admin -- roles  --phone 13800000000
 * Reads the same environment as the BFF (MYSQL_URL, PII_KEY, BLIND_INDEX_KEY, …).
 */
import { parseArgs } from 'node:util';
import { normalisePhone } from '@yima/shared';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { createPii } from '../crypto/pii';
import { createDb } from '../db/pool';
import { prepareDatabase } from '../db/setup';
import { createUsersRepo } from '../features/identity';
import { ROLES, createRolesRepo, type Role } from '../features/roles';

const USAGE = 'usage: admin (grant|revoke|roles) --phone <mobile> [--role <' + ROLES.join('|') + '>] [--scope <id> | --venue <id>]';

export async function runAdmin(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { phone: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string', default: '' }, venue: { type: 'string' } },
  });
  const command = positionals[0];
  // `--venue <id>` (docs/api.md, Authentication and roles) is the scope of a venue-staff grant.
  const scope = values.venue ?? values.scope ?? '';
  const phone = normalisePhone(values.phone ?? '');
  const role = values.role as Role | undefined;
  if (!['grant', 'revoke', 'roles'].includes(command ?? '') || !phone || (command !== 'roles' && !ROLES.includes(role as Role))) {
    out(USAGE);
    return 2;
  }
  const config = loadConfig(env);
  await prepareDatabase(config);
  const db = await createDb(config.mysqlUrl, 2);
  try {
    const pii = createPii(config.piiKey, config.blindIndexKey);
    const user = await createUsersRepo(db).findByPhoneHash(pii.blindIndex('phone', phone));
    if (!user) {
      out(`no account with phone ${phone}; the person must log in once first`);
      return 1;
    }
    const roles = createRolesRepo(db);
    if (command === 'grant') {
      await roles.grant(user.id, { role: role as Role, scope }, systemClock.now());
      out(`granted ${role}${scope ? ` (${scope})` : ''} to user ${user.id}`);
    } else if (command === 'revoke') {
      const n = await roles.revoke(user.id, { role: role as Role, scope });
      out(n ? `revoked ${role} from user ${user.id}` : `user ${user.id} did not have ${role}`);
    } else {
      for (const g of await roles.rolesOf(user.id)) out(`${g.role}${g.scope ? ` ${g.scope}` : ''}`);
    }
    return 0;
  } finally {
    await db.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAdmin(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (err) => {
      console.error('admin failed:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
