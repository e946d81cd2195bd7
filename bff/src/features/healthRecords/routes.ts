/**
 * A person's records page (decision 0026): every nucleic-acid round and vaccination dose the
 * feeds hold, for themselves or, by their filer, for a relative (recorded as every proxy read).
 */
import type { HealthRecordsAnswer } from '@yima/shared';
import type { Access } from '../../http/access';
import type { AppRouter } from '../../http/router';
import { registrationRequired, type Restriction, type UsersRepo } from '../identity';
import type { HealthRecordsRepo } from './healthRecordsRepo';

export function healthRecordRoutes(
  router: AppRouter,
  d: {
    access: Access;
    records: HealthRecordsRepo;
    users: UsersRepo;
    restriction: Restriction;
    /** A relative's blind index, for their filer: checks the filing and records the read
     * (features/dependents, passed in by app.ts). */
    relativeOf: (userId: string, dependentId: string) => Promise<{ idHash: Buffer }>;
  },
): void {
  const session = d.access.session();

  async function answer(idHash: Buffer): Promise<HealthRecordsAnswer> {
    const [{ results, doses }, asOf] = await Promise.all([d.records.allOf(idHash), d.records.asOf()]);
    return {
      nucleicAcid: { results, asOf: asOf.nucleicAcid?.toISOString() ?? null },
      vaccination: { doses, asOf: asOf.vaccination?.toISOString() ?? null },
    };
  }

  router.get('/api/me/health-records', session, async (ctx) => {
    const user = await d.users.findById(ctx.state.session.userId);
    if (!user?.idHash) throw registrationRequired();
    // An unverified account whose record holds what others reported sees none of it (0008).
    await d.restriction.assertFullAccess(user);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await answer(user.idHash);
  });

  router.get('/api/dependents/:id/health-records', session, async (ctx) => {
    const { idHash } = await d.relativeOf(ctx.state.session.userId, ctx.params.id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await answer(idHash);
  });
}
