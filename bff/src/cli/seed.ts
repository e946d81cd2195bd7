/**
 * Seeds the demo city for local development (YIMA_DEV=1 only): a registered demo resident
 * whose phone and ID digits are printed by scripts/start.sh, so simple login can be tried
 * without SMS, a demo place, and the demo district's grids. Idempotent. Later capabilities add
 * their demo data here.
 */
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { createPii } from '../crypto/pii';
import { createDb } from '../db/pool';
import { prepareDatabase } from '../db/setup';
import { createGridsRepo } from '../features/grids';
import { createIdentityService, parseIdentity } from '../features/identity';
import { createUsersRepo } from '../features/identity';
import { createRiskAreasRepo } from '../features/riskAreas';
import { createRolesRepo } from '../features/roles';
import { createVenuesRepo } from '../features/venues';
import type { RowDataPacket } from 'mysql2';

const DEMO_PLACE = {
  type: 'community',
  name: '幸福里小区（演示）',
  address: '北京市朝阳区幸福路 1 号',
  district: '110105',
  organisation: '幸福里社区居委会',
} as const;

/** The demo district's grids (statistical division codes, docs/decisions/0019): two streets with
 * two communities each. The demo resident works for the second street. */
const DEMO_GRIDS = [
  { code: '110105', name: '朝阳区' },
  { code: '110105001', name: '建外街道' },
  { code: '110105001001', name: '永安里社区' },
  { code: '110105001002', name: '光华里社区' },
  { code: '110105002', name: '呼家楼街道' },
  { code: '110105002001', name: '幸福里社区' },
  { code: '110105002002', name: '东大桥社区' },
];
const DEMO_WORKER_GRID = '110105002';

export const DEMO_RESIDENT = { phone: '13800000000', name: '张小三', idNumber: '11010519491231002X' };

/** Demo risk areas, offered on the check-in form; periods open from the seeding day. */
const DEMO_RISK_AREAS = [
  { code: '110105', name: '北京市朝阳区', level: 'low' },
  { code: '420106', name: '武汉市武昌区', level: 'medium' },
  { code: '440305', name: '深圳市南山区', level: 'high' },
] as const;

async function main() {
  const config = loadConfig(process.env);
  if (!config.dev) throw new Error('seed refuses to run without YIMA_DEV=1');
  await prepareDatabase(config);
  const db = await createDb(config.mysqlUrl, 2, config.mysqlJobTimeoutMs);
  try {
    const pii = createPii(config.piiKey, config.blindIndexKey);
    const users = createUsersRepo(db);
    const identity = createIdentityService({ users, pii, clock: systemClock, hotline: config.merge.hotline });
    const now = systemClock.now();
    const userId = await users.upsertByPhone(pii.blindIndex('phone', DEMO_RESIDENT.phone), pii.encrypt('phone', DEMO_RESIDENT.phone), now);
    // Seeded as verified (dev only): the demo shows the whole record, as a verified resident sees it.
    await identity.claim(userId, parseIdentity(DEMO_RESIDENT, now), { provider: 'dev', verificationId: 'seed' });
    const riskAreas = createRiskAreasRepo(db);
    const known = new Set((await riskAreas.relevantSince(now)).map((a) => a.code));
    for (const area of DEMO_RISK_AREAS) {
      if (!known.has(area.code)) await riskAreas.add({ ...area, effectiveFrom: now, effectiveTo: null }, null, now);
    }
    // A demo place whose staff (and an operator of the city) is the demo resident, so the
    // scanner page and posters can be tried at once.
    const [places] = await db.query<RowDataPacket[]>('SELECT id FROM venues WHERE name = ?', [DEMO_PLACE.name]);
    const placeId = places[0] ? String(places[0].id) : (await createVenuesRepo(db).addMany([{ ...DEMO_PLACE, requiredTestHours: null }], userId, now))[0].id;
    const roles = createRolesRepo(db);
    // Logged as the command line's (the seed is one): role_grant_log.
    const cli = { via: 'cli' } as const;
    await roles.grant(userId, { role: 'venue-staff', scope: placeId }, cli, now);
    await roles.grant(userId, { role: 'operator', scope: '' }, cli, now);
    // And the demo district's authority, so the marks page can be tried too.
    await roles.grant(userId, { role: 'authority', scope: DEMO_WORKER_GRID.slice(0, 6) }, cli, now);
    // The grids of the demo district, and the demo resident as a community worker of one street.
    await createGridsRepo(db).upsertMany(DEMO_GRIDS, now);
    await roles.grant(userId, { role: 'community-worker', scope: DEMO_WORKER_GRID }, cli, now);
    console.log(`demo resident: phone ${DEMO_RESIDENT.phone}, simple-login digits ${DEMO_RESIDENT.idNumber.slice(-4)}`);
    console.log(
      `demo place ${placeId} (${DEMO_PLACE.name}): the demo resident is its staff, a city operator and the authority of district ${DEMO_WORKER_GRID.slice(0, 6)}`,
    );
    console.log(`demo grids: ${DEMO_GRIDS.length} in district 110105; the demo resident is a community worker of ${DEMO_WORKER_GRID}`);
  } finally {
    await db.end();
  }
}

main().catch((err) => {
  console.error('seed failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
