/**
 * Operator command line: grants and revokes roles by phone number, and keeps the grid list.
 *   npm run admin -- grant  --phone 13800000000 --role operator [--scope <id>]
 *   npm run admin -- grant  --phone 13800000000 --role community-worker --scope <grid code>
 *   npm run admin -- revoke --phone 13800000000 --role operator [--scope <id>]
 *   npm run admin -- roles  --phone 13800000000
 *   npm run admin -- grids import <file.csv>     (CSV code,name; upserts; bad lines listed)
 *   npm run admin -- grids list [--parent <code>]
 * Reads the same environment as the BFF (MYSQL_URL, PII_KEY, BLIND_INDEX_KEY, …).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isGridCode, normalisePhone, REGION_CODE } from '@yima/shared';
import { systemClock } from '../clock';
import { announce } from '../cache/invalidationBus';
import { loadConfig, type Config } from '../config';
import { createPii } from '../crypto/pii';
import { createDb, type Db } from '../db/pool';
import { prepareDatabase } from '../db/setup';
import { createGridDirectory, createGridsRepo } from '../features/grids';
import { createUsersRepo } from '../features/identity';
import { ROLES, createRolesRepo, type Role } from '../features/roles';
import { createRedis, redisReady } from '../redis';

const USAGE = [
  'usage: admin (grant|revoke|roles) --phone <mobile> [--role <' + ROLES.join('|') + '>] [--scope <id> | --venue <id>]',
  '       admin grids import <file.csv>',
  '       admin grids list [--parent <code>]',
].join('\n');

/** Opens the database as the BFF would (migrated first), runs `work`, closes it. */
async function withDb<T>(env: Record<string, string | undefined>, work: (db: Db, config: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  await prepareDatabase(config);
  const db = await createDb(config.mysqlUrl, 2, config.mysqlJobTimeoutMs);
  try {
    return await work(db, config);
  } finally {
    await db.end();
  }
}

/** `grids import <file>` and `grids list [--parent <code>]`. */
async function runGrids(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { parent: { type: 'string' } } });
  const [, command, file] = positionals;
  const listing = command === 'list' && positionals.length === 2 && (values.parent === undefined || isGridCode(values.parent));
  if (!((command === 'import' && file && positionals.length === 3) || listing)) {
    out(USAGE);
    return 2;
  }
  let text = '';
  if (command === 'import') {
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      out(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return 1;
    }
  }
  return withDb(env, async (db) => {
    const grids = createGridDirectory({ repo: createGridsRepo(db), clock: systemClock });
    if (command === 'list') {
      for (const g of await grids.list(values.parent ?? null, null)) out(`${g.code}\t${g.level}\t${g.name}`);
      return 0;
    }
    let result;
    try {
      result = await grids.importCsv(text);
    } catch (err) {
      out(`${file}: ${(err as Error).message}`);
      return 1;
    }
    for (const p of result.problems) out(`${file}:${p.line}: ${p.message}`);
    out(`grids: ${result.added} added, ${result.renamed} renamed, ${result.unchanged} unchanged, ${result.problems.length} refused`);
    // The good lines are in; a refused one still asks for the file to be fixed.
    return result.problems.length ? 1 : 0;
  });
}

/** Tells the running BFF processes that an account's roles changed, so a revoked guard is
 * refused at once (the invalidation bus). Best effort: without Redis they see it within their
 * grant cache's 10 s. */
async function announceGrants(config: Config, userId: string, out: (line: string) => void): Promise<void> {
  const redis = createRedis({ url: config.redisUrl, clusterNodes: config.redisClusterNodes }, config.redisCommandTimeoutMs);
  redis.on('error', () => undefined); // reported below, once
  try {
    await redisReady(redis, 3000);
    await announce(redis, { kind: 'grants', userId });
  } catch (err) {
    out(`running BFF processes not told at once (${(err as Error).message}); they apply it within 10 s`);
  } finally {
    redis.disconnect();
  }
}

export async function runAdmin(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  if (argv[0] === 'grids') return runGrids(argv, env, out);
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
  return withDb(env, async (db, config) => {
    const pii = createPii(config.piiKey, config.blindIndexKey);
    const user = await createUsersRepo(db).findByPhoneHash(pii.blindIndex('phone', phone));
    if (!user) {
      out(`no account with phone ${phone}; the person must log in once first`);
      return 1;
    }
    const roles = createRolesRepo(db);
    if (command === 'grant') {
      // A city-wide role has no scope, and an authority's is one district code: the inbox and
      // the marks list match districts by prefix, so `--scope '%'` or `11` would reach every
      // district (the grants page refuses the same; the command line must not be the way round).
      if ((role === 'operator' || role === 'admin') && scope !== '') {
        out(`${role} is city-wide: leave out --scope`);
        return 1;
      }
      if (role === 'authority' && !REGION_CODE.test(scope)) {
        out(`an authority acts for a district: --scope <6-digit district code>, not ${scope || '(none given)'}`);
        return 1;
      }
      // A community worker works for a grid of the list: a typo would grant nothing, silently.
      if (role === 'community-worker' && !(await createGridsRepo(db).find(scope))) {
        out(`no grid ${scope || '(none given)'}; a community worker needs --scope <grid code> of the grid list (npm run admin -- grids list)`);
        return 1;
      }
      // Logged as the command line's (role_grant_log): the pages log the admin who did it.
      const added = await roles.grant(user.id, { role: role as Role, scope }, { via: 'cli' }, systemClock.now());
      out(`${added ? 'granted' : 'already held'} ${role}${scope ? ` (${scope})` : ''} ${added ? 'to' : 'by'} user ${user.id}`);
      if (added) await announceGrants(config, user.id, out);
    } else if (command === 'revoke') {
      const n = await roles.revoke(user.id, { role: role as Role, scope }, { via: 'cli' }, systemClock.now());
      out(n ? `revoked ${role} from user ${user.id}` : `user ${user.id} did not have ${role}`);
      if (n) await announceGrants(config, user.id, out);
    } else {
      for (const g of await roles.rolesOf(user.id)) out(`${g.role}${g.scope ? ` ${g.scope}` : ''}`);
    }
    return 0;
  });
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
