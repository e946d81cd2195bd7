/**
 * A resident scans a place's code (SPEC C6): the visit is recorded for them or a relative they
 * file for, and they get a pass to show at the gate — place, time, colour, masked name. A second
 * scan of the same place within VISIT_MERGE_MINUTES extends the visit instead of adding one. A
 * shared location far from the place flags the visit for review (Henan 2022: place codes shared
 * online were scanned from elsewhere); a flag never changes anyone's colour.
 */
import type { RedisClient } from '../../redis';
import { DomainError, maskName, type Color } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Pii } from '../../crypto/pii';
import { registrationRequired } from '../identity';
import type { CodeService } from '../code';
import type { DependentService } from '../dependents';
import type { CodeState, PersonStates } from '../personState';
import type { VenueRow, VenuesRepo } from '../venues';
import { createLocalCache, orLastKnown } from '../../cache/localCache';
import { placeTokenValid } from '../venues';
import type { TestRequirementCheck } from '../healthRecords';

const VENUE_TTL_MS = 10_000;
import type { VisitLog } from './visitLog';

/** Great-circle distance in metres. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

export function createVisitService(d: {
  venues: VenuesRepo;
  log: VisitLog;
  redis: RedisClient;
  code: CodeService;
  dependents: DependentService;
  states: PersonStates;
  pii: Pii;
  clock: Clock;
  config: Config['venues'];
  /** The place's test requirement for the visitor (decision 0026): shown on the pass. */
  testRequirement: TestRequirementCheck;
}) {
  // Places change rarely and are read on every visit: kept in memory briefly; a change is
  // announced on the invalidation bus and dropped at once (VENUE_TTL_MS bounds a missed one).
  // While MariaDB does not answer, the last known place is used, however old (decision
  // 0027): visits go on being acknowledged in Redis and are written once it is back.
  const venueCache = createLocalCache<VenueRow>(VENUE_TTL_MS, 100_000, { keepStale: true });
  async function venueOf(id: string): Promise<VenueRow | null> {
    const cached = venueCache.get(id);
    if (cached) return cached;
    const venue = await orLastKnown(
      () => d.venues.find(id),
      () => venueCache.getStale(id),
    );
    if (venue) venueCache.set(id, venue);
    else venueCache.delete(id);
    return venue;
  }

  return {
    /** The bus says a place changed (app.ts): read it again. */
    forgetPlace: (venueId: string) => venueCache.delete(venueId),

    /** `self`: the visitor's code state, resolved with their session (code/codeSession.ts). */
    async visit(
      self: CodeState,
      venueId: string,
      body: { dependentId?: string; placeToken?: string; location?: { lat: number; lng: number } },
      clientKey: string | null = null,
    ) {
      const userId = self.userId;
      const venue = await venueOf(venueId);
      if (!venue) throw new DomainError('NOT_FOUND', 'no such place: scan the code on its poster again');
      if (!venue.active) throw new DomainError('VENUE_INACTIVE', 'this place code is no longer in use: ask the staff');
      if (venue.rotating && !placeTokenValid(venue.codeSecret, body.placeToken, d.clock.now())) {
        throw new DomainError('PLACE_CODE_EXPIRED', 'this place shows a changing code: scan the code on its screen again');
      }
      let personId: string;
      let holder: string;
      let color: Color;
      let idHash: Buffer | null;
      if (body.dependentId) {
        const { person } = await d.dependents.access(userId, body.dependentId, 'visit');
        color = (await d.states.mergedFor(person.idHash)).color;
        personId = person.personId;
        holder = maskName(d.pii.decrypt('name', person.nameEnc));
        idHash = person.idHash;
      } else {
        if (!self.personId || !self.name) throw registrationRequired();
        color = await d.code.colorOf(self);
        personId = self.personId;
        holder = self.name;
        idHash = self.idHash ? Buffer.from(self.idHash, 'hex') : null;
      }
      const now = d.clock.now();
      // Read only at places that require a test; the pass says it, the gate's guard decides.
      const testRequirement = await d.testRequirement(venue.requiredTestHours, idHash, now);
      const flagged = Boolean(
        body.location && venue.lat !== null && venue.lng !== null && distanceM(body.location, { lat: venue.lat, lng: venue.lng }) > d.config.flagDistanceM,
      );
      // One visit per person and place per window: later scans within it extend that visit.
      const recent = `yima:visit:recent:${venue.id}:${personId}`;
      const first = d.config.mergeMinutes === 0 || (await d.redis.set(recent, '1', 'PX', d.config.mergeMinutes * 60_000, 'NX')) === 'OK';
      if (first) {
        // Not acknowledged (VISIT_ACK=replica, too few replicas in time): the window is freed
        // so the retry records the visit again rather than answering `extended` for an
        // entry that may not survive — at worst the table gets the visit twice.
        await d.log
          .record({
            venueId: venue.id,
            venueType: venue.type,
            personId,
            holder,
            color,
            via: 'resident-scan',
            recordedBy: userId,
            flagged,
            verifiedOffline: false,
            at: now,
            clientKey,
          })
          .catch(async (err: unknown) => {
            if (err instanceof DomainError && err.code === 'NOT_REPLICATED') await d.redis.del(recent).catch(() => undefined);
            throw err;
          });
      } else {
        await d.redis.pexpire(recent, d.config.mergeMinutes * 60_000);
      }
      return {
        pass: {
          venue: { id: venue.id, name: venue.name, address: venue.address, type: venue.type },
          time: now.toISOString(),
          color,
          holder: { name: holder },
          testRequirement,
        },
        extended: !first,
      };
    },
  };
}

export type VisitService = ReturnType<typeof createVisitService>;
