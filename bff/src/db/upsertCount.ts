/**
 * Rows a multi-row `INSERT … ON DUPLICATE KEY UPDATE` inserted or changed (the feeds' guarded
 * upserts). The pool counts changed rows (db/pool.ts: no FOUND_ROWS): an insert counts 1, a row
 * updated 2, a row left alone 0. A multi-row statement also reports "Records: N  Duplicates: U",
 * where MariaDB's U is the number of rows updated, so inserts + updates = affectedRows − U.
 * (Checked by the feeds' integration tests' counts.)
 */
import type { ResultSetHeader } from 'mysql2/promise';

export function upsertedRows(res: ResultSetHeader): number {
  const m = /Records: (\d+)\s+Duplicates: (\d+)/.exec(res.info ?? '');
  if (!m) return res.affectedRows > 0 ? 1 : 0; // one row: 0, 1 or 2
  return res.affectedRows - Number(m[2]);
}
