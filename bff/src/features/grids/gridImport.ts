/**
 * Reading a grid list (`npm run admin -- grids import <file.csv>`): CSV `code,name`, one grid a
 * line, an optional header line. Pure: what is wrong is said per line, and what is right is
 * kept, so one bad line does not hold up a city's thousand good ones. Whether each street's
 * and community's parent exists is asked of the file and the database (`missingParents`).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { parseGridCode } from '@yima/shared';
import { gridImportRow, type GridImportRow } from '@yima/shared/contracts/grids';

/** A city has a few thousand streets and communities; a file far beyond that is a mistake. */
export const MAX_GRID_LINES = 50_000;

export interface GridLine extends GridImportRow {
  /** The line of the file, 1-based, as an editor numbers it. */
  line: number;
}
export interface GridProblem {
  line: number;
  message: string;
}

/** The lines of a grid CSV: the well-formed ones, and a problem for each other. Throws when
 * the text is not CSV at all or has too many lines. */
export function parseGridCsv(text: string): { lines: GridLine[]; problems: GridProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    throw new Error(`not readable as CSV: ${(err as Error).message.slice(0, 120)}`);
  }
  if (records.length > MAX_GRID_LINES + 1) throw new Error(`at most ${MAX_GRID_LINES} grids per file`);
  const [first] = records;
  if (first && first.record.map((c) => c.toLowerCase()).join(',') === 'code,name') records.shift();

  const lines: GridLine[] = [];
  const problems: GridProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    if (record.length !== 2) {
      problems.push({ line, message: `expected 2 columns (code,name), found ${record.length}` });
      continue;
    }
    const parsed = gridImportRow.safeParse({ code: record[0], name: record[1] });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({ line, message: `${issue.path.join('.') || 'line'}: ${issue.message}` });
      continue;
    }
    const earlier = seen.get(parsed.data.code);
    if (earlier !== undefined) {
      problems.push({ line, message: `code ${parsed.data.code} is already on line ${earlier}` });
      continue;
    }
    seen.set(parsed.data.code, line);
    lines.push({ line, ...parsed.data });
  }
  return { lines, problems };
}

/** The parents the lines name that the file itself does not hold: the database must. */
export function parentsOutside(lines: GridLine[]): string[] {
  const inFile = new Set(lines.map((l) => l.code));
  const wanted = new Set<string>();
  for (const l of lines) {
    const parent = parseGridCode(l.code)?.parent;
    if (parent && !inFile.has(parent)) wanted.add(parent);
  }
  return [...wanted];
}

/** Splits the lines into those whose parent exists — in the file (itself placed) or among
 * `known` (already imported) — and a problem for each other: a community whose street is
 * missing or refused is refused too, so the tree never has a hole. */
export function placeInTree(lines: GridLine[], known: ReadonlySet<string>): { placed: GridLine[]; problems: GridProblem[] } {
  const byCode = new Map(lines.map((l) => [l.code, l]));
  const verdict = new Map<string, boolean>();
  const placedOk = (code: string): boolean => {
    const cached = verdict.get(code);
    if (cached !== undefined) return cached;
    const parent = parseGridCode(code)?.parent ?? null;
    const ok = parent === null || (byCode.has(parent) ? placedOk(parent) : known.has(parent));
    verdict.set(code, ok);
    return ok;
  };
  const placed: GridLine[] = [];
  const problems: GridProblem[] = [];
  for (const l of lines) {
    if (placedOk(l.code)) placed.push(l);
    else {
      const parent = parseGridCode(l.code)!.parent!;
      problems.push({
        line: l.line,
        message: byCode.has(parent)
          ? `its parent ${parent} (line ${byCode.get(parent)!.line}) was refused`
          : `its parent ${parent} is neither in the file nor imported`,
      });
    }
  }
  return { placed, problems };
}
