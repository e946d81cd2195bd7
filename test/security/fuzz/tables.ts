/**
 * Whether a request changed any row: CHECKSUM TABLE over every table of the test database
 * (MariaDB computes it from the rows, so any insert, update or delete changes it). Tables are
 * read from information_schema, so tables added by later migrations are covered too.
 */
import type { RowDataPacket } from 'mysql2';
import type { Db } from '@yima/bff/src/db/pool';

/**
 * Tables a refused request may legitimately write: none today. A table that records refused
 * attempts on purpose (an audit of failed guesses, say) belongs here, with the reason.
 */
export const WRITTEN_BY_REFUSED_REQUESTS: ReadonlySet<string> = new Set<string>();

export type Checksums = Map<string, string>;

export async function tableNames(db: Db): Promise<string[]> {
  const [rows] = await db.query<RowDataPacket[]>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name");
  return rows.map((r) => String(r.t)).filter((t) => !WRITTEN_BY_REFUSED_REQUESTS.has(t));
}

export async function checksums(db: Db, tables: string[]): Promise<Checksums> {
  const [rows] = await db.query<RowDataPacket[]>(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  return new Map(rows.map((r) => [String(r.Table).split('.').pop() as string, String(r.Checksum)]));
}

/** Tables whose checksum differs. */
export function changedTables(before: Checksums, after: Checksums): string[] {
  return [...after].filter(([t, sum]) => before.get(t) !== sum).map(([t]) => t);
}
