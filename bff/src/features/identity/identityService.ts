/**
 * Real-name registration and the resident's own profile. Name, ID number and phone are
 * sealed at rest; every answer is masked.
 */
import { DomainError, ID_PROBLEM_MESSAGES, chinaDate, maskIdNumber, maskName, maskPhone, normaliseName, parseIdNumber, type Locale, type MeResponse } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
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
  new DomainError('VERIFICATION_REQUIRED', 'this ID number already has a record (filed by family or known to the health authorities): verify your identity by face to claim it', { situation: 'claim' });
export const claimNameMismatch = (hotline: string) =>
  new DomainError('CLAIM_NAME_MISMATCH', `the name on file for this ID number is different; please contact your community or call ${hotline} to have it checked`);
export const idAlreadyRegistered = () =>
  new DomainError('ID_ALREADY_REGISTERED', 'this ID number is already registered to another account; log in with that phone or ask your community for help');

export function createIdentityService(d: { users: UsersRepo; pii: Pii; clock: Clock; hotline: string; onChange?: (userId: string) => Promise<void> }) {
  function toProfile(user: UserRow): MeResponse {
    return {
      id: user.id,
      registered: Boolean(user.registeredAt),
      verified: Boolean(user.verifiedAt),
      name: user.nameEnc ? maskName(d.pii.decrypt('name', user.nameEnc)) : null,
      idNumber: user.idNumberEnc ? maskIdNumber(d.pii.decrypt('id_number', user.idNumberEnc)) : null,
      phone: maskPhone(d.pii.decrypt('phone', user.phoneEnc)),
      locale: user.locale,
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
      return this.claim(userId, parseIdentity(input, d.clock.now()), undefined);
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
      try {
        await d.users.register(userId, sealed, now, { verified, sameName: (nameEnc) => d.pii.decrypt('name', nameEnc) === identity.name });
      } catch (err) {
        if (err instanceof DuplicateIdNumber) throw idAlreadyRegistered();
        if (err instanceof VerificationNeeded) throw verificationRequired();
        if (err instanceof NameDiffersFromRecord) throw claimNameMismatch(d.hotline);
        throw err;
      }
      await d.onChange?.(userId);
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
