/**
 * All SQL on `users`. Takes and returns sealed values and blind indexes; encryption and
 * masking happen in the service. Plain objects out.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2';
import type { Locale } from '@yima/shared';
import type { Db } from '../../db/pool';

export interface UserRow {
  id: string;
  phoneEnc: Buffer;
  nameEnc: Buffer | null;
  idNumberEnc: Buffer | null;
  idHash: Buffer | null;
  locale: Locale;
  registeredAt: Date | null;
}

const COLUMNS = 'id, phone_enc, name_enc, id_number_enc, id_hash, locale, registered_at';

function toUser(r: RowDataPacket): UserRow {
  return {
    id: String(r.id),
    phoneEnc: r.phone_enc,
    nameEnc: r.name_enc,
    idNumberEnc: r.id_number_enc,
    idHash: r.id_hash,
    locale: r.locale,
    registeredAt: r.registered_at,
  };
}

export class DuplicateIdNumber extends Error {}

export function createUsersRepo(db: Db) {
  return {
    async findById(id: string): Promise<UserRow | null> {
      const [rows] = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },

    async findByPhoneHash(phoneHash: Buffer): Promise<UserRow | null> {
      const [rows] = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM users WHERE phone_hash = ?`, [phoneHash]);
      return rows[0] ? toUser(rows[0]) : null;
    },

    /** The account for this phone, created on first login. Concurrent first logins of the
     * same phone get the same row (the unique key decides; LAST_INSERT_ID returns it). */
    async upsertByPhone(phoneHash: Buffer, phoneEnc: Buffer, now: Date): Promise<string> {
      const [res] = await db.query<ResultSetHeader>(
        `INSERT INTO users (phone_hash, phone_enc, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`,
        [phoneHash, phoneEnc, now, now],
      );
      return String(res.insertId);
    },

    /** Sets the real-name identity; throws DuplicateIdNumber when another account has it. */
    async setIdentity(userId: string, identity: { nameEnc: Buffer; idNumberEnc: Buffer; idHash: Buffer }, now: Date): Promise<void> {
      try {
        await db.query(
          `UPDATE users SET name_enc = ?, id_number_enc = ?, id_hash = ?, registered_at = COALESCE(registered_at, ?), updated_at = ?
           WHERE id = ?`,
          [identity.nameEnc, identity.idNumberEnc, identity.idHash, now, now, userId],
        );
      } catch (err) {
        if ((err as { code?: string }).code === 'ER_DUP_ENTRY') throw new DuplicateIdNumber();
        throw err;
      }
    },

    async setLocale(userId: string, locale: Locale, now: Date): Promise<void> {
      await db.query('UPDATE users SET locale = ?, updated_at = ? WHERE id = ?', [locale, now, userId]);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
