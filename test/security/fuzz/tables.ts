/**
 * Whether a request changed any row: CHECKSUM TABLE over every table of the test database
 * (MariaDB computes it from the rows, so any insert, update or delete changes it). Tables are
 * read from information_schema, so tables added by later migrations are covered too.
 */
import type { RowDataPacket } from 'mysql2';
import type { Db } from '@yima/bff/src/db/pool';

/**
 * Refused requests that write on purpose: an audit of failed attempts. Each rule names the
 * table, the one route and status allowed to write it, and why; anything else a refused
 * request changes is a failure. Add a rule only with the decision that wants the write.
 */
export const WRITTEN_BY_REFUSED_REQUESTS: { table: string; route: string; status: number; why: string }[] = [
  {
    table: 'id_lookups',
    route: 'POST /api/scans',
    status: 404,
    why: 'decision 0007: every ID-number lookup by staff, found or not, is recorded (a name that does not match is a 404 "record by hand")',
  },
  // Issue 10 / decision 0009: every attempt to file for someone is audited and shown to that
  // person, the refused ones most of all (they are what guessing looks like).
  ...[400, 409, 429].map((status) => ({
    table: 'filing_attempts',
    route: 'POST /api/dependents',
    status,
    why: 'decision 0009: every attempt to add a relative — refused for a wrong name, an own account, self, a duplicate, the filer limit or throttling — is audited and shown to the person',
  })),
];

/** Tables a refused request to `route` answered `status` may change. */
export const mayChange = (route: string, status: number): Set<string> =>
  new Set(WRITTEN_BY_REFUSED_REQUESTS.filter((r) => r.route === route && r.status === status).map((r) => r.table));

export type Checksums = Map<string, string>;

export async function tableNames(db: Db): Promise<string[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows.map((r) => String(r.t));
}

export async function checksums(db: Db, tables: string[]): Promise<Checksums> {
  const [rows] = await db.query<RowDataPacket[]>(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  return new Map(rows.map((r) => [String(r.Table).split('.').pop() as string, String(r.Checksum)]));
}

/** Tables whose checksum differs. */
export function changedTables(before: Checksums, after: Checksums): string[] {
  return [...after].filter(([t, sum]) => before.get(t) !== sum).map(([t]) => t);
}
