/**
 * The guard's scan (SPEC C7): a resident's screen code, a paper code, another region's code, or
 * — for people without a phone — an ID number and name. The answer is what the guard needs and
 * nothing more: colour, masked name, allowed or not and why. Every scan is recorded as a visit.
 * ID-number lookups are rate-limited per staff account and audited (they must not become a way
 * to look people up), and need the name too: an ID number alone finds no one.
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../../redis';
import {
  limited,
  DomainError,
  chinaDate,
  gateVerdict,
  ID_PROBLEM_MESSAGES,
  maskName,
  normaliseName,
  parseIdNumber,
  parseToken,
  type Color,
  type ScanResult,
} from '@yima/shared';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { CodeSigner } from '../../crypto/codeSigner';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { redisKeys } from '../../redisKeys';
import type { UsersRepo } from '../identity';
import type { PersonStates } from '../personState';
import type { PaperCodeService } from '../paperCodes';
import type { TrustList } from '../recognition';
import type { RolesRepo } from '../roles';
import { createLocalCache, orLastKnown } from '../../cache/localCache';
import type { Actor } from '../../policy/actor';
import type { CodeService } from '../code';
import type { IssuedTokens } from '../code';
import type { VenueRow, VenuesRepo } from '../venues';
import type { TestRequirementCheck } from '../healthRecords';
import { staffedPlaces, visitsPolicy } from './policy';
import { recognisedHolder, type VisitLog, type VisitVia } from './visitLog';

/** Who was scanned: a masked name, or another region's issuer when we cannot name them. */
type Who = { name: string } | { issuer: { id: string; name: string } };

const GRANTS_TTL_MS = 10_000;
const VENUE_TTL_MS = 30_000;
/** Offline uploads are accepted for scans made within this long. */
const OFFLINE_WINDOW_MS = 24 * 3600_000;

export function createScanService(d: {
  db: Db;
  redis: RedisClient;
  venues: VenuesRepo;
  users: UsersRepo;
  states: PersonStates;
  paper: PaperCodeService;
  trust: TrustList;
  signer: CodeSigner;
  log: VisitLog;
  pii: Pii;
  clock: Clock;
  config: Config['venues'];
  issued: IssuedTokens;
  code: CodeService;
  roles: RolesRepo;
  /** The place's test requirement for the scanned person (decision 0026). */
  testRequirement: TestRequirementCheck;
}) {
  // A scanner route takes thousands of requests a second: a staff account's grants and its
  // venue are kept in memory briefly. A change made through any process is announced on the
  // invalidation bus and dropped at once (forgetGrants, forgetPlace); GRANTS_TTL_MS bounds it
  // should a message be missed.
  // While MariaDB does not answer, the last known grants and place are used, however old
  // (decision 0027): our own screen codes go on being checked (Redis) and recorded.
  const actorCache = createLocalCache<Actor>(GRANTS_TTL_MS, 50_000, { keepStale: true });
  const venueCache = createLocalCache<VenueRow>(VENUE_TTL_MS, 50_000, { keepStale: true });
  async function actorOf(userId: string): Promise<Actor> {
    let actor = actorCache.get(userId);
    if (!actor) {
      actor = await orLastKnown(
        async () => ({ userId, grants: await d.roles.rolesOf(userId) }),
        () => actorCache.getStale(userId),
      );
      actorCache.set(userId, actor);
    }
    return actor;
  }
  const lookups = new RateLimiterRedis({
    storeClient: d.redis,
    keyPrefix: redisKeys.limiter('idlookup:staff'),
    points: d.config.idLookupsPerHour,
    duration: 3600,
  });

  /** 403 unless this account is the place's staff (or an admin). */
  async function assertStaff(staffId: string, venueId: string): Promise<void> {
    if (!visitsPolicy.can(await actorOf(staffId), 'scan', { venueId })) throw new DomainError('FORBIDDEN', 'you are not staff of this place');
  }

  /** The venue, if this account is its staff (or an admin). 403 otherwise. */
  async function staffVenue(staffId: string, venueId: string): Promise<VenueRow> {
    await assertStaff(staffId, venueId);
    let venue = venueCache.get(venueId);
    if (!venue) {
      venue =
        (await orLastKnown(
          () => d.venues.find(venueId),
          () => venueCache.getStale(venueId),
        )) ?? undefined;
      if (!venue) {
        venueCache.delete(venueId);
        throw new DomainError('NOT_FOUND', 'no such place');
      }
      venueCache.set(venueId, venue);
    }
    return venue;
  }

  const colorOfPerson = async (idHash: Buffer): Promise<Color> => (await d.states.mergedFor(idHash)).color;

  /**
   * Records the scan as a visit and answers the verdict. `who` is the masked name, or for
   * another region's code its issuer: the visit log keeps `recognised:<issuer id>` (data, as
   * the merged sources name it), the answer the issuer for the scanner page to word.
   * `idHash` keys the person's test records (null when we hold none: another region's code, an
   * unknown paper code's holder); they are read only when the place requires a test. A scan
   * refused for the requirement is recorded as a visit like one refused for its colour.
   */
  async function answer(
    venue: VenueRow,
    staffId: string,
    r: {
      color: Color;
      who: Who;
      personId: string | null;
      idHash: Buffer | null;
      kind: ScanResult['kind'];
      via: VisitVia;
      at: Date;
      verifiedOffline: boolean;
      /** The request's Idempotency-Key, hashed (http/idempotency.ts). */
      clientKey: string | null;
    },
  ): Promise<ScanResult> {
    // The record of the visit and the requirement's one query go out together.
    const [testRequirement] = await Promise.all([
      d.testRequirement(venue.requiredTestHours, r.idHash, r.at),
      d.log.record({
        venueId: venue.id,
        venueType: venue.type,
        personId: r.personId,
        holder: 'issuer' in r.who ? recognisedHolder(r.who.issuer.id) : r.who.name,
        color: r.color,
        via: r.via,
        recordedBy: staffId,
        flagged: false,
        verifiedOffline: r.verifiedOffline,
        at: r.at,
        clientKey: r.clientKey,
      }),
    ]);
    const { allowed, code, params } = gateVerdict(r.color, testRequirement && { hours: testRequirement.hours, met: testRequirement.verdict === 'MET' });
    return {
      color: r.color,
      holder: 'issuer' in r.who ? null : { name: r.who.name },
      issuer: 'issuer' in r.who ? r.who.issuer : null,
      allowed,
      verdict: { code, params },
      testRequirement,
      kind: r.kind,
      verifiedOffline: r.verifiedOffline,
    };
  }

  return {
    /** The bus says an account's roles or a place changed (app.ts): read them again. */
    forgetGrants: (userId: string) => actorCache.delete(userId),
    forgetPlace: (venueId: string) => venueCache.delete(venueId),
    assertStaff,

    async scanCode(
      staffId: string,
      body: { venueId: string; qr: string; scannedAt?: string; verifiedOffline?: boolean },
      clientKey: string | null = null,
    ): Promise<ScanResult> {
      const venue = await staffVenue(staffId, body.venueId);
      const now = d.clock.now();
      let at = now;
      if (body.scannedAt) {
        at = new Date(body.scannedAt);
        if (at.getTime() > now.getTime() + 60_000 || now.getTime() - at.getTime() > OFFLINE_WINDOW_MS)
          throw new DomainError('INVALID_REQUEST', 'scannedAt: must be within the last 24 hours');
      }
      const offline = body.verifiedOffline === true;
      const qr = body.qr.trim();
      const parsed = parseToken(qr);
      if (!parsed.ok) throw new DomainError('INVALID_CODE', 'this is not a health code of a known format');
      if (parsed.fields.kind === 'screen' && !offline) {
        // The fast path: one of our own screen tokens, known by digest (issuedTokens.ts).
        const userId = await d.issued.userOf(qr);
        const state = userId ? await d.code.stateOfUser(userId) : null;
        if (state?.holderId === parsed.fields.holderId && state.personId && state.name) {
          if (parsed.fields.expiresAt <= Math.floor(now.getTime() / 1000))
            throw new DomainError('CODE_EXPIRED', 'this code has expired: ask them to refresh it');
          const color = await d.code.colorOf(state);
          return answer(venue, staffId, {
            clientKey,
            color,
            who: { name: state.name },
            personId: state.personId,
            idHash: state.idHash ? Buffer.from(state.idHash, 'hex') : null,
            kind: 'screen',
            via: 'staff-scan',
            at,
            verifiedOffline: false,
          });
        }
      }
      if (parsed.fields.kind === 'paper') {
        const verified = await d.paper.verify(qr, (holderId) => d.users.personByHolderId(holderId));
        const person = await d.users.personByHolderId(parsed.fields.holderId);
        return answer(venue, staffId, {
          clientKey,
          color: verified.color,
          who: verified.holder,
          personId: person?.personId ?? null,
          idHash: person?.idHash ?? null,
          kind: 'paper',
          via: offline ? 'offline-scan' : 'staff-scan',
          at,
          verifiedOffline: offline,
        });
      }
      const recognition = d.trust.verify(qr, offline ? at : now);
      if (!recognition.ok) throw new DomainError(recognition.code, recognition.message);
      if (!recognition.issuer.own) {
        // Another region's code: its own colour, and its issuer (we cannot name the holder).
        return answer(venue, staffId, {
          clientKey,
          color: recognition.fields.color,
          who: { issuer: { id: recognition.issuer.id, name: recognition.issuer.name } },
          personId: null,
          // We hold no records of another region's people: the requirement reads NO_RESULT.
          idHash: null,
          kind: 'recognised',
          via: offline ? 'offline-scan' : 'staff-scan',
          at,
          verifiedOffline: offline,
        });
      }
      const person = await d.users.personByHolderId(recognition.fields.holderId);
      if (!person) throw new DomainError('INVALID_CODE', 'the holder of this code is unknown');
      // Online, the current merged colour decides, not the one in the token; an upload of an
      // offline scan records what the guard saw then.
      const color = offline ? recognition.fields.color : await colorOfPerson(person.idHash);
      return answer(venue, staffId, {
        clientKey,
        color,
        who: { name: maskName(d.pii.decrypt('name', person.nameEnc)) },
        personId: person.personId,
        idHash: person.idHash,
        kind: 'screen',
        via: offline ? 'offline-scan' : 'staff-scan',
        at,
        verifiedOffline: offline,
      });
    },

    async lookup(staffId: string, body: { venueId: string; idNumber: string; name: string }, clientKey: string | null = null): Promise<ScanResult> {
      const venue = await staffVenue(staffId, body.venueId);
      const now = d.clock.now();
      const id = parseIdNumber(body.idNumber, chinaDate(now));
      if (!id.ok) throw new DomainError('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[id.problem]);
      try {
        await lookups.consume(staffId);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          throw limited('LOOKUP_RATE_LIMITED', 'too many ID-number lookups from this account: record by hand for now', rejection.msBeforeNext);
        throw rejection;
      }
      const person = await d.users.personByHash(d.pii.blindIndex('id_number', id.idNumber));
      const name = normaliseName(body.name);
      const match = person && name !== null && d.pii.decrypt('name', person.nameEnc) === name ? person : null;
      await d.db.query('INSERT INTO id_lookups (staff_user_id, venue_id, person_id, found, at) VALUES (?, ?, ?, ?, ?)', [
        staffId,
        venue.id,
        match?.personId ?? null,
        match ? 1 : 0,
        now,
      ]);
      if (!match) throw new DomainError('NOT_FOUND', 'no registered person with this ID number and name: record the visit by hand (do not turn them away)');
      const color = await colorOfPerson(match.idHash);
      return answer(venue, staffId, {
        clientKey,
        color,
        who: { name: maskName(name!) },
        personId: match.personId,
        idHash: match.idHash,
        kind: 'id-lookup',
        via: 'id-lookup',
        at: now,
        verifiedOffline: false,
      });
    },

    async myVenues(staffId: string) {
      // A listing is rare: grants read afresh, not from the scans' cache, so a new grant shows at once.
      const ids = staffedPlaces({ userId: staffId, grants: await d.roles.rolesOf(staffId) });
      return (await d.venues.findMany(ids)).map((v) => ({ id: v.id, name: v.name, address: v.address, type: v.type, rotating: v.rotating }));
    },
  };
}

export type ScanService = ReturnType<typeof createScanService>;
