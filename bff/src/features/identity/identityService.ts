/**
 * Real-name registration and the resident's own profile. Name, ID number and phone are
 * sealed at rest; every answer is masked.
 */
import {
  DomainError,
  ID_PROBLEM_MESSAGES,
  chinaDate,
  limited,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseName,
  parseIdNumber,
  type Locale,
  type MeResponse,
} from '@yima/shared';
import type { RedisClient } from '../../redis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import { consumeAll, refund, type LimitStep } from '../../limits/steps';
import { redisKeys } from '../../redisKeys';
import { DuplicateIdNumber, NameDiffersFromRecord, VerificationNeeded, type ClaimOptions, type UserRow, type UsersRepo } from './usersRepo';

/** A valid name and ID number from a client, or the 400 saying what is wrong. */
export function parseIdentity(input: { name: string; idNumber: string }, now: Date): { name: string; idNumber: string } {
  const name = normaliseName(input.name);
  if (!name) throw new DomainError('INVALID_NAME', 'name must be 2–30 Chinese characters or letters, as on the ID card');
  const parsed = parseIdNumber(input.idNumber, chinaDate(now));
  if (!parsed.ok) throw new DomainError('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[parsed.problem]);
  return { name, idNumber: parsed.idNumber };
}

export const verificationRequired = () =>
  new DomainError(
    'VERIFICATION_REQUIRED',
    'this ID number already has a record (filed by family or known to the health authorities): verify your identity by face to claim it',
    { situation: 'claim' },
  );
export const claimNameMismatch = (hotline: string) =>
  new DomainError(
    'CLAIM_NAME_MISMATCH',
    `the name on file for this ID number is different; please contact your community or call ${hotline} to have it checked`,
  );
export const idAlreadyRegistered = () =>
  new DomainError('ID_ALREADY_REGISTERED', 'this ID number is already registered to another account; log in with that phone or ask your community for help');

/** The refusals of a declared registration that tell the caller about someone else: another
 * account holds the ID number, or it has a record (filed for, marked, known to the feed). */
const TELLS_ABOUT_OTHERS = new Set(['ID_ALREADY_REGISTERED', 'VERIFICATION_REQUIRED']);

export function createIdentityService(d: {
  users: UsersRepo;
  pii: Pii;
  clock: Clock;
  hotline: string;
  onChange?: (userId: string) => Promise<void>;
  /** Limits refused declared registrations per account and day (absent in the seed CLI). */
  refusals?: { redis: RedisClient; perDay: number };
}) {
  // Declared registration answers whether an ID number is registered, filed for or marked:
  // as limited a question as a verification start (decision 0008). A point is taken before the
  // lookup (concurrent probes cannot all slip past) and given back unless the answer told
  // something about someone else; then 429 for any ID number, or the answer would still tell.
  const refusalLimiter = d.refusals
    ? new RateLimiterRedis({ storeClient: d.refusals.redis, keyPrefix: redisKeys.limiter('identity:refused'), points: d.refusals.perDay, duration: 86400 })
    : null;
  const refusalStep = (userId: string): LimitStep[] =>
    refusalLimiter
      ? [
          {
            limiter: refusalLimiter,
            key: userId,
            refuse: (ms) =>
              limited(
                'TOO_MANY_ATTEMPTS',
                'too many registrations refused today for ID numbers held by others; try again tomorrow, or ask your community (社区) for help',
                ms,
              ),
          },
        ]
      : [];

  function toProfile(user: UserRow): MeResponse {
    return {
      id: user.id,
      registered: Boolean(user.registeredAt),
      verified: Boolean(user.verifiedAt),
      name: user.nameEnc ? maskName(d.pii.decrypt('name', user.nameEnc)) : null,
      idNumber: user.idNumberEnc ? maskIdNumber(d.pii.decrypt('id_number', user.idNumberEnc)) : null,
      phone: maskPhone(d.pii.decrypt('phone', user.phoneEnc)),
      locale: user.locale,
      privacyAccepted: user.privacyVersion,
    };
  }

  async function load(userId: string): Promise<UserRow> {
    const user = await d.users.findById(userId);
    // A session outliving its account (deleted by an operator) is simply no longer valid.
    if (!user) throw new DomainError('UNAUTHENTICATED', 'please log in again');
    return user;
  }

  return {
    profile: async (userId: string) => toProfile(await load(userId)),

    /** Declared registration (PUT /api/me/identity): a new ID number, or the account's own
     * record again (a corrected name). An ID number with a record needs `claim` instead. */
    async register(userId: string, input: { name: string; idNumber: string }): Promise<MeResponse> {
      const identity = parseIdentity(input, d.clock.now());
      const taken = await consumeAll(
        refusalStep(userId),
        () => new DomainError('SERVICE_UNAVAILABLE', 'registration is briefly unavailable; please try again'),
      );
      try {
        const profile = await this.claim(userId, identity, undefined);
        await refund(taken);
        return profile;
      } catch (err) {
        if (!(err instanceof DomainError && TELLS_ABOUT_OTHERS.has(err.code))) await refund(taken);
        throw err;
      }
    },

    /** Ties the account to the person of this ID number; `verified` when a provider proved it. */
    async claim(userId: string, identity: { name: string; idNumber: string }, verified: ClaimOptions['verified']): Promise<MeResponse> {
      const now = d.clock.now();
      const idHash = d.pii.blindIndex('id_number', identity.idNumber);
      const user = await load(userId);
      // The ID number is fixed once set (a name typo may be corrected): swapping identities
      // on an account would carry one person's history over to another.
      if (user.idHash && !user.idHash.equals(idHash)) {
        throw new DomainError('IDENTITY_ALREADY_SET', 'this account is already registered to another ID number');
      }
      const sealed = { nameEnc: d.pii.encrypt('name', identity.name), idNumberEnc: d.pii.encrypt('id_number', identity.idNumber), idHash };
      let displacedUserId: string | null;
      try {
        ({ displacedUserId } = await d.users.register(userId, sealed, now, {
          verified,
          sameName: (nameEnc) => d.pii.decrypt('name', nameEnc) === identity.name,
        }));
      } catch (err) {
        if (err instanceof DuplicateIdNumber) throw idAlreadyRegistered();
        if (err instanceof VerificationNeeded) throw verificationRequired();
        if (err instanceof NameDiffersFromRecord) throw claimNameMismatch(d.hotline);
        throw err;
      }
      await d.onChange?.(userId);
      // The account that had only declared it was this person no longer shows their code.
      if (displacedUserId) await d.onChange?.(displacedUserId);
      return toProfile(await load(userId));
    },

    /** The account accepts the privacy notice in force (the contract admits no other version). */
    async acceptPrivacy(userId: string, version: string): Promise<MeResponse> {
      await load(userId);
      await d.users.acceptPrivacy(userId, version, d.clock.now());
      return toProfile(await load(userId));
    },

    async setLocale(userId: string, locale: Locale): Promise<MeResponse> {
      await d.users.setLocale(userId, locale, d.clock.now());
      await d.onChange?.(userId);
      return toProfile(await load(userId));
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
