/**
 * Real-name registration and the resident's own profile. Name, ID number and phone are
 * sealed at rest; every answer is masked.
 */
import { ID_PROBLEM_MESSAGES, chinaDate, maskIdNumber, maskName, maskPhone, normaliseName, parseIdNumber, type Locale, type MeResponse } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import { AppError, badRequest, conflict } from '../../http/errors';
import { DuplicateIdNumber, type UserRow, type UsersRepo } from './usersRepo';

export function createIdentityService(d: { users: UsersRepo; pii: Pii; clock: Clock; onChange?: (userId: string) => Promise<void> }) {
  function toProfile(user: UserRow): MeResponse {
    return {
      id: user.id,
      registered: Boolean(user.registeredAt),
      name: user.nameEnc ? maskName(d.pii.decrypt('name', user.nameEnc)) : null,
      idNumber: user.idNumberEnc ? maskIdNumber(d.pii.decrypt('id_number', user.idNumberEnc)) : null,
      phone: maskPhone(d.pii.decrypt('phone', user.phoneEnc)),
      locale: user.locale,
    };
  }

  async function load(userId: string): Promise<UserRow> {
    const user = await d.users.findById(userId);
    // A session outliving its account (deleted by an operator) is simply no longer valid.
    if (!user) throw new AppError('UNAUTHENTICATED', 'please log in again', { status: 401 });
    return user;
  }

  return {
    profile: async (userId: string) => toProfile(await load(userId)),

    async register(userId: string, input: { name: string; idNumber: string }): Promise<MeResponse> {
      const name = normaliseName(input.name);
      if (!name) throw badRequest('INVALID_NAME', 'name must be 2–30 Chinese characters or letters, as on the ID card');
      const now = d.clock.now();
      const parsed = parseIdNumber(input.idNumber, chinaDate(now));
      if (!parsed.ok) throw badRequest('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[parsed.problem]);
      const idHash = d.pii.blindIndex('id_number', parsed.idNumber);
      const user = await load(userId);
      // The ID number is fixed once set (a name typo may be corrected): swapping identities
      // on an account would carry one person's history over to another.
      if (user.idHash && !user.idHash.equals(idHash)) {
        throw conflict('IDENTITY_ALREADY_SET', 'this account is already registered to another ID number');
      }
      try {
        await d.users.register(userId, { nameEnc: d.pii.encrypt('name', name), idNumberEnc: d.pii.encrypt('id_number', parsed.idNumber), idHash }, now);
      } catch (err) {
        if (err instanceof DuplicateIdNumber) {
          throw conflict('ID_ALREADY_REGISTERED', 'this ID number is already registered to another account; log in with that phone or ask your community for help');
        }
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
