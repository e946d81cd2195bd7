/**
 * What an account sees before its identity is verified (docs/decisions/0008): at most what it
 * declared itself. An unverified account whose person record holds anything reported by
 * someone else (the provincial feed, a mark, a family's filing, check-in or paper code) is
 * "restricted": its code is grey with IDENTITY_UNVERIFIED, and its history, filers and
 * paper codes are closed to it until it verifies.
 */
import { DomainError } from '@yima/shared';
import type { UserRow, UsersRepo } from './usersRepo';

/** The account has no real-name registration yet (nor a person record): most features need one. */
export const registrationRequired = () => new DomainError('REGISTRATION_REQUIRED', 'complete real-name registration first');

export const verifyFirst = () =>
  new DomainError('VERIFICATION_REQUIRED', 'your record holds information others reported: verify your identity (face check) to see it or act on it');

export function createRestriction(users: UsersRepo) {
  return {
    /** True when `user` must not see or act on their record's details. One query, and only
     * for registered, unverified accounts. */
    async isRestricted(user: Pick<UserRow, 'id' | 'personId' | 'idHash' | 'verifiedAt'>): Promise<boolean> {
      if (!user.personId || !user.idHash || user.verifiedAt) return false;
      return users.holdsForeignData(user.id, user.personId, user.idHash);
    },

    /** Throws 403 VERIFICATION_REQUIRED for a restricted account. */
    async assertFullAccess(user: Pick<UserRow, 'id' | 'personId' | 'idHash' | 'verifiedAt'>): Promise<void> {
      if (await this.isRestricted(user)) throw verifyFirst();
    },
  };
}

export type Restriction = ReturnType<typeof createRestriction>;
