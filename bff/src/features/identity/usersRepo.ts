/**
 * All SQL on `users` and their `persons`. Takes and returns sealed values and blind indexes;
 * encryption and masking happen in the service. Plain objects out.
 */
import { randomBytes } from 'node:crypto';
import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { chinaDate, HOLDER_ID_BYTES, type Locale } from '@yima/shared';
import type { Db } from '../../db/pool';
import { hexLiteral } from '../../db/sqlLiterals';
import { RACE_ATTEMPTS, inTransaction, lostRace } from '../../db/transaction';
import { count } from '../stats';

export interface UserRow {
  id: string;
  phoneEnc: Buffer;
  personId: string | null;
  nameEnc: Buffer | null;
  idNumberEnc: Buffer | null;
  idHash: Buffer | null;
  /** Hex of the person's 8-byte token pseudonym. */
  holderId: string | null;
  locale: Locale;
  registeredAt: Date | null;
  /** When a real-name provider verified the account's identity; null: declared only. */
  verifiedAt: Date | null;
  /** The privacy notice version the account accepted last; null: none yet. */
  privacyVersion: string | null;
}

const SELECT = `SELECT u.id, u.phone_enc, u.person_id, u.locale, u.registered_at, u.privacy_version, p.name_enc, p.id_number_enc, p.id_hash, p.holder_id, va.verified_at
  FROM users u LEFT JOIN persons p ON p.id = u.person_id LEFT JOIN verified_accounts va ON va.user_id = u.id AND va.person_id = u.person_id`;

function toUser(r: RowDataPacket): UserRow {
  return {
    id: String(r.id),
    phoneEnc: r.phone_enc,
    personId: r.person_id === null ? null : String(r.person_id),
    nameEnc: r.name_enc,
    idNumberEnc: r.id_number_enc,
    idHash: r.id_hash,
    holderId: r.holder_id ? (r.holder_id as Buffer).toString('hex') : null,
    locale: r.locale,
    registeredAt: r.registered_at,
    verifiedAt: r.verified_at ?? null,
    privacyVersion: r.privacy_version ?? null,
  };
}

function groupByPerson(rows: RowDataPacket[]): { idHash: Buffer; personId: string; userIds: string[] }[] {
  const byPerson = new Map<string, { idHash: Buffer; personId: string; userIds: string[] }>();
  for (const r of rows) {
    const personId = String(r.id);
    const entry = byPerson.get(personId) ?? { idHash: r.id_hash as Buffer, personId, userIds: [] };
    if (r.user_id !== null) entry.userIds.push(String(r.user_id));
    byPerson.set(personId, entry);
  }
  return [...byPerson.values()];
}

export class DuplicateIdNumber extends Error {}
/** The ID number has a record (filed by family, or known from the feed or a mark): only a
 * verified identity may claim it. */
export class VerificationNeeded extends Error {}
/** The name on file for this ID number is not the one given: a claim never renames. */
export class NameDiffersFromRecord extends Error {}

const isDup = (err: unknown) => (err as { code?: string }).code === 'ER_DUP_ENTRY';

export interface SealedIdentity {
  nameEnc: Buffer;
  idNumberEnc: Buffer;
  idHash: Buffer;
}

/** How a registration was made: declared (typed in), or verified by a provider. */
export interface ClaimOptions {
  /** Set for a verified claim: the verification that proved it. */
  verified?: { provider: string; verificationId: string };
  /** Decrypts and compares a sealed name on file with the one given. */
  sameName: (nameEnc: Buffer) => boolean;
}

/** Does anyone but this account know something about this ID number? The feed and marks are
 * keyed by blind index, so they count before a `persons` row exists. */
const OUTSIDE_RECORD_SQL = `SELECT
  EXISTS(SELECT 1 FROM provincial_states WHERE id_hash = ?) OR
  EXISTS(SELECT 1 FROM marks WHERE id_hash = ?) AS known`;

/** What, in a person's record, the account did not declare itself: a provincial state, a mark
 * (even lifted), a filing (even ended), a check-in or paper code by someone else, or a colour
 * change caused by anyone but the person's own declarations (docs/decisions/0008). */
const FOREIGN_DATA_SQL = `SELECT
  EXISTS(SELECT 1 FROM provincial_states WHERE id_hash = ?) OR
  EXISTS(SELECT 1 FROM marks WHERE id_hash = ?) OR
  EXISTS(SELECT 1 FROM dependents WHERE person_id = ?) OR
  EXISTS(SELECT 1 FROM checkins WHERE person_id = ? AND filed_by <> ?) OR
  EXISTS(SELECT 1 FROM paper_codes WHERE person_id = ? AND issued_by <> ?) OR
  EXISTS(SELECT 1 FROM colour_history WHERE id_hash = ? AND actor NOT IN ('self-declaration', 'system')) AS foreign_data`;

/** The locking reads of a persons row by `id_hash`: the row alone, or with the account that
 * holds its code. Named here so that no caller passes SQL text. */
const PERSON_LOCKS = {
  person: 'SELECT id, name_enc FROM persons WHERE id_hash = ? FOR UPDATE',
  withOwner: 'SELECT p.id, p.name_enc, u.id AS owner FROM persons p LEFT JOIN users u ON u.person_id = p.id WHERE p.id_hash = ? FOR UPDATE',
} as const;

/**
 * The persons row of this ID number, locked by one of PERSON_LOCKS, or none — without the
 * gap lock InnoDB takes when a locking read finds no row. Two first registrations (or
 * filings) of different new ID numbers each held such a gap lock and then deadlocked on
 * their INSERTs: 500s in an ordinary morning rush. A missing row is read
 * without a lock; a concurrent INSERT of the same ID number then fails on the unique key
 * (ER_DUP_ENTRY) and the caller retries the transaction, seeing the winner's row.
 */
async function lockPersonRows(conn: Pick<PoolConnection, 'query'>, lock: keyof typeof PERSON_LOCKS, idHash: Buffer): Promise<RowDataPacket[]> {
  const [seen] = await conn.query<RowDataPacket[]>('SELECT 1 FROM persons WHERE id_hash = ?', [idHash]);
  if (!seen.length) return [];
  const [rows] = await conn.query<RowDataPacket[]>(PERSON_LOCKS[lock], [idHash]);
  return rows;
}

async function holdsForeignData(conn: Pick<Db, 'query'>, userId: string, personId: string, idHash: Buffer): Promise<boolean> {
  const [[row]] = await conn.query<RowDataPacket[]>(FOREIGN_DATA_SQL, [idHash, idHash, personId, personId, userId, personId, userId, idHash]);
  return Number(row.foreign_data) === 1;
}

/** What a registration did: the person it tied the account to, and the unverified account it
 * displaced from that person (whose cached code must be dropped), if any. */
export interface Attached {
  personId: string;
  displacedUserId: string | null;
}

/** Detaches an unverified account from the record it declared, and voids the paper codes it
 * printed for that record: a card a displaced account printed must not pass a gate. */
async function displace(conn: Pick<Db, 'query'>, ownerId: string, personId: string, now: Date): Promise<string> {
  await conn.query('UPDATE users SET person_id = NULL, registered_at = NULL, updated_at = ? WHERE id = ?', [now, ownerId]);
  await conn.query("UPDATE paper_codes SET revoked_at = ?, revoke_reason = 'holder-displaced' WHERE person_id = ? AND issued_by = ? AND revoked_at IS NULL", [
    now,
    personId,
    ownerId,
  ]);
  return ownerId;
}

async function filedByFamily(conn: Pick<Db, 'query'>, personId: string): Promise<boolean> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT 1 FROM dependents WHERE person_id = ? LIMIT 1', [personId]);
  return rows.length > 0;
}

export function createUsersRepo(db: Db) {
  /** Ties the user to the person with this ID number, creating the person if new. The name
   * on file is never changed by someone else's claim: only the account's own, unverified
   * declaration may be corrected by it (a typo). */
  async function attachPerson(conn: PoolConnection, userId: string, identity: SealedIdentity, now: Date, opts: ClaimOptions): Promise<Attached> {
    const found = await lockPersonRows(conn, 'person', identity.idHash);
    let personId: string;
    let displacedUserId: string | null = null;
    if (found[0]) {
      personId = String(found[0].id);
      const [owner] = await conn.query<RowDataPacket[]>(
        'SELECT u.id, va.verified_at FROM users u LEFT JOIN verified_accounts va ON va.user_id = u.id WHERE u.person_id = ?',
        [personId],
      );
      let ownerId = owner[0] ? String(owner[0].id) : null;
      if (ownerId && ownerId !== userId) {
        // Another account holds this record. One that only declared it is this person gives
        // way to the verified person (docs/decisions/0008): otherwise whoever typed an ID
        // number first would lock its true owner — and the family filing for them — out.
        if (!opts.verified || owner[0].verified_at) throw new DuplicateIdNumber();
        displacedUserId = await displace(conn, ownerId, personId, now);
        ownerId = null;
      }
      const same = opts.sameName(found[0].name_enc);
      if (!ownerId) {
        // Filed by family: theirs to claim only with a verified identity of that very name.
        // A name only the displaced account declared is not a record's name: the verified
        // one replaces it (the family's name, when family filed, is never replaced).
        if (!opts.verified) throw new VerificationNeeded();
        if (!same) {
          if (!displacedUserId || (await filedByFamily(conn, personId))) throw new NameDiffersFromRecord();
          await conn.query('UPDATE persons SET name_enc = ?, updated_at = ? WHERE id = ?', [identity.nameEnc, now, personId]);
        }
      } else if (!same) {
        // The account's own record: the name it declared may be corrected while unverified,
        // as long as nobody else has reported anything for this person (then the name on
        // file is not only its own word).
        if (opts.verified || owner[0].verified_at || (await holdsForeignData(conn, userId, personId, identity.idHash))) throw new NameDiffersFromRecord();
        await conn.query('UPDATE persons SET name_enc = ?, updated_at = ? WHERE id = ?', [identity.nameEnc, now, personId]);
      }
    } else {
      if (!opts.verified) {
        const [[known]] = await conn.query<RowDataPacket[]>(OUTSIDE_RECORD_SQL, [identity.idHash, identity.idHash]);
        if (Number(known.known) === 1) throw new VerificationNeeded();
      }
      const [res] = await conn.query<ResultSetHeader>(
        'INSERT INTO persons (id_hash, id_number_enc, name_enc, holder_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        [identity.idHash, identity.idNumberEnc, identity.nameEnc, randomBytes(HOLDER_ID_BYTES), now, now],
      );
      personId = String(res.insertId);
    }
    // An account is registered once: a corrected name or a later verification is no new
    // registration. Only the statement that sets registered_at counts one (statistics, in
    // this transaction: docs/decisions/0020-statistics.md).
    const [registering] = await conn.query<ResultSetHeader>('UPDATE users SET registered_at = ? WHERE id = ? AND registered_at IS NULL', [now, userId]);
    await conn.query('UPDATE users SET person_id = ?, updated_at = ? WHERE id = ?', [personId, now, userId]);
    if (opts.verified) {
      // Verified twice (the seed run again) keeps the first verification.
      await conn.query(
        'INSERT INTO verified_accounts (user_id, person_id, provider, verification_id, verified_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE verified_at = verified_at',
        [userId, personId, opts.verified.provider, opts.verified.verificationId, now],
      );
    }
    if (registering.affectedRows === 1) await count(conn, { day: chinaDate(now), metric: 'registrations', n: 1 });
    return { personId, displacedUserId };
  }

  return {
    /** A person by blind index, locked, with the account that holds their code (if any); null
     * without locking the gap (lockPersonRows): a caller that then creates the person retries
     * on lostRace. */
    async lockPersonByHash(conn: PoolConnection, idHash: Buffer): Promise<{ personId: string; nameEnc: Buffer; ownerUserId: string | null } | null> {
      const rows = await lockPersonRows(conn, 'withOwner', idHash);
      return rows[0] ? { personId: String(rows[0].id), nameEnc: rows[0].name_enc, ownerUserId: rows[0].owner === null ? null : String(rows[0].owner) } : null;
    },

    /** A person without an account (a relative filed by family). */
    async createPerson(conn: PoolConnection, identity: SealedIdentity, now: Date): Promise<string> {
      const [res] = await conn.query<ResultSetHeader>(
        'INSERT INTO persons (id_hash, id_number_enc, name_enc, holder_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        [identity.idHash, identity.idNumberEnc, identity.nameEnc, randomBytes(HOLDER_ID_BYTES), now, now],
      );
      return String(res.insertId);
    },

    /** The account holding the person of this ID number, if any. */
    /** The account holding this ID number's record only if it is verified: an unverified
     * holder is displaced by a verified claim (attachPerson), so it does not block one. */
    async verifiedOwnerOfIdHash(idHash: Buffer): Promise<string | null> {
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT u.id FROM persons p JOIN users u ON u.person_id = p.id JOIN verified_accounts va ON va.user_id = u.id WHERE p.id_hash = ?',
        [idHash],
      );
      return rows[0] ? String(rows[0].id) : null;
    },

    /** A person by ID-number blind index (staff lookup for people without a phone). */
    async personByHash(idHash: Buffer): Promise<{ personId: string; idHash: Buffer; nameEnc: Buffer } | null> {
      const [rows] = await db.query<RowDataPacket[]>('SELECT id, id_hash, name_enc FROM persons WHERE id_hash = ?', [idHash]);
      return rows[0] ? { personId: String(rows[0].id), idHash: rows[0].id_hash, nameEnc: rows[0].name_enc } : null;
    },

    /** The person a token's holder id names. */
    async personByHolderId(holderIdHex: string): Promise<{ personId: string; idHash: Buffer; nameEnc: Buffer; holderId: string } | null> {
      if (!/^[0-9a-f]{16}$/.test(holderIdHex)) return null;
      const [rows] = await db.query<RowDataPacket[]>('SELECT id, id_hash, name_enc FROM persons WHERE holder_id = ?', [Buffer.from(holderIdHex, 'hex')]);
      const r = rows[0];
      return r ? { personId: String(r.id), idHash: r.id_hash, nameEnc: r.name_enc, holderId: holderIdHex } : null;
    },

    /** What a code shows about a person who may have no account. */
    async personById(personId: string): Promise<{
      personId: string;
      idHash: Buffer;
      nameEnc: Buffer;
      idNumberEnc: Buffer;
      holderId: string;
      ownerUserId: string | null;
      ownerVerifiedAt: Date | null;
    } | null> {
      const [rows] = await db.query<RowDataPacket[]>(
        'SELECT p.*, u.id AS owner, va.verified_at AS owner_verified_at FROM persons p LEFT JOIN users u ON u.person_id = p.id LEFT JOIN verified_accounts va ON va.user_id = u.id AND va.person_id = p.id WHERE p.id = ?',
        [personId],
      );
      const r = rows[0];
      return r
        ? {
            personId: String(r.id),
            idHash: r.id_hash,
            nameEnc: r.name_enc,
            idNumberEnc: r.id_number_enc,
            holderId: (r.holder_id as Buffer).toString('hex'),
            ownerUserId: r.owner === null ? null : String(r.owner),
            ownerVerifiedAt: r.owner_verified_at ?? null,
          }
        : null;
    },

    /** Whether this account's person record holds anything the account did not declare
     * itself (FOREIGN_DATA_SQL). Asked when a code state is rebuilt, never per request. */
    holdsForeignData: (userId: string, personId: string, idHash: Buffer): Promise<boolean> => holdsForeignData(db, userId, personId, idHash),

    async findById(id: string): Promise<UserRow | null> {
      const [rows] = await db.query<RowDataPacket[]>(`${SELECT} WHERE u.id = ?`, [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },

    async findByPhoneHash(phoneHash: Buffer): Promise<UserRow | null> {
      const [rows] = await db.query<RowDataPacket[]>(`${SELECT} WHERE u.phone_hash = ?`, [phoneHash]);
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

    /** Real-name registration in one transaction; throws DuplicateIdNumber when another
     * account has this person, VerificationNeeded / NameDiffersFromRecord as attachPerson
     * says. A lost race (duplicate key or deadlock between two first registrations of one ID)
     * is retried, when the winner's row is visible. */
    async register(userId: string, identity: SealedIdentity, now: Date, opts: ClaimOptions): Promise<Attached> {
      try {
        return await inTransaction(db, (conn) => attachPerson(conn, userId, identity, now, opts), { retry: { attempts: RACE_ATTEMPTS, when: lostRace } });
      } catch (err) {
        // A duplicate key still there after the last run: another account holds the person.
        if (isDup(err)) throw new DuplicateIdNumber();
        throw err;
      }
    },

    /** Records the account's acceptance of notice `version`: the account's current version and
     * a row of the append-only consent log, in one transaction (the log proves what the
     * account holds). */
    async acceptPrivacy(userId: string, version: string, now: Date): Promise<void> {
      await inTransaction(db, async (conn) => {
        await conn.query('UPDATE users SET privacy_version = ?, updated_at = ? WHERE id = ?', [version, now, userId]);
        await conn.query('INSERT INTO privacy_consents (user_id, version, at) VALUES (?, ?, ?)', [userId, version, now]);
      });
    },

    async setLocale(userId: string, locale: Locale, now: Date): Promise<void> {
      await db.query('UPDATE users SET locale = ?, updated_at = ? WHERE id = ?', [locale, now, userId]);
    },

    /** As personsByHashes, from hex (the provincial feed's chunks: no Buffers, no driver formatting).
     * `lock`: the rows found stay locked until the transaction ends (the feed's writers). */
    async personsByHashHex(
      hexes: string[],
      conn: Pick<Db, 'query'> = db,
      opts: { lock?: boolean } = {},
    ): Promise<{ idHash: Buffer; personId: string; userIds: string[] }[]> {
      if (!hexes.length) return [];
      const list = hexes.map(hexLiteral).join(',');
      const [rows] = await conn.query<RowDataPacket[]>(
        `SELECT p.id, p.id_hash, u.id AS user_id FROM persons p LEFT JOIN users u ON u.person_id = p.id WHERE p.id_hash IN (${list})${opts.lock ? ' FOR UPDATE' : ''}`,
      );
      return groupByPerson(rows);
    },

    /** People by ID-number blind index, with the accounts that hold their code. */
    async personsByHashes(hashes: Buffer[], conn: Pick<Db, 'query'> = db): Promise<{ idHash: Buffer; personId: string; userIds: string[] }[]> {
      if (!hashes.length) return [];
      const [rows] = await conn.query<RowDataPacket[]>(
        'SELECT p.id, p.id_hash, u.id AS user_id FROM persons p LEFT JOIN users u ON u.person_id = p.id WHERE p.id_hash IN (?)',
        [hashes],
      );
      return groupByPerson(rows);
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
