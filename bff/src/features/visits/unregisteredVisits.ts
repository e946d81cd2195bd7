/**
 * Visitors who are not registered (issue 13; docs/decisions/0025-unregistered-visitors.md): the
 * digital line of the gate's handwritten book. Seed 000: nobody is refused — a person with no
 * code and no record is let in and written down. Name, ID number, phone and note are sealed
 * (crypto/pii.ts), the ID number also kept as its blind index; the visit is a row of `visits`
 * (via `unregistered`, colour `none`, the masked name) written in the same transaction, with
 * the statistics' `scans` and `staffScans` of the place's type (decision 0020: counted in the
 * writer's transaction). Not through the visit stream: a guard writes a few of these a shift,
 * and the answer confirms what was stored.
 */
import type { ResultSetHeader } from 'mysql2/promise';
import { DomainError, ID_PROBLEM_MESSAGES, chinaDate, maskIdNumber, maskName, maskPhone, normaliseName, parseIdNumber } from '@yima/shared';
import type { UnregisteredVisit, UnregisteredVisitRequest } from '@yima/shared';
import type { Clock } from '../../clock';
import type { Pii } from '../../crypto/pii';
import type { Db } from '../../db/pool';
import { inTransaction, lostRace } from '../../db/transaction';
import { count } from '../stats';
import type { VenuesRepo } from '../venues';

/** The visit log's `via` and colour of such a visit. */
export const UNREGISTERED_VIA = 'unregistered';
export const NO_COLOUR = 'none';

export function createUnregisteredVisits(d: { db: Db; venues: VenuesRepo; pii: Pii; clock: Clock }) {
  return {
    /** Records the visitor at the place (the caller's policy has let them in). */
    async record(staffId: string, venueId: string, body: UnregisteredVisitRequest): Promise<UnregisteredVisit> {
      const venue = await d.venues.find(venueId);
      if (!venue) throw new DomainError('NOT_FOUND', 'no such place');
      const now = d.clock.now();
      const id = parseIdNumber(body.idNumber, chinaDate(now));
      if (!id.ok) throw new DomainError('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[id.problem]);
      const name = normaliseName(body.name);
      if (name === null) throw new DomainError('INVALID_REQUEST', 'name: must be a person’s name');
      const note = body.note ? body.note : null;
      const holder = maskName(name);
      const day = chinaDate(now);
      const rowId = await inTransaction(
        d.db,
        async (conn) => {
          const [res] = await conn.query<ResultSetHeader>(
            `INSERT INTO unregistered_visitors (venue_id, name_enc, id_number_enc, id_hash, phone_enc, note_enc, recorded_by, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              venue.id,
              d.pii.encrypt('name', name),
              d.pii.encrypt('id_number', id.idNumber),
              d.pii.blindIndex('id_number', id.idNumber),
              d.pii.encrypt('phone', body.phone),
              note === null ? null : d.pii.encrypt('note', note),
              staffId,
              now,
            ],
          );
          const visitorId = String(res.insertId);
          // `stream_id` is unique across the log: `u:` and the visitor's row id never meet a
          // Redis stream id (digits and a dash).
          await conn.query(
            'INSERT INTO visits (venue_id, person_id, holder, color, via, recorded_by, flagged, verified_offline, at, stream_id) VALUES (?, NULL, ?, ?, ?, ?, 0, 0, ?, ?)',
            [venue.id, holder, NO_COLOUR, UNREGISTERED_VIA, staffId, now, `u:${visitorId}`],
          );
          // Counters last (stats/counters.ts lock order).
          await count(conn, [
            { day, metric: 'scans', dimension: venue.type, n: 1 },
            { day, metric: 'staffScans', dimension: venue.type, n: 1 },
          ]);
          return visitorId;
        },
        { retry: { attempts: 3, when: lostRace } },
      );
      return {
        id: rowId,
        venueId: venue.id,
        holder: { name: holder },
        idNumber: maskIdNumber(id.idNumber),
        phone: maskPhone(body.phone),
        at: now.toISOString(),
      };
    },
  };
}

export type UnregisteredVisits = ReturnType<typeof createUnregisteredVisits>;
