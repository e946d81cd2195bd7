/** A benchmark's own section of docs/benchmarks.md, between HTML-comment markers, so each
 * benchmark can be re-run alone without touching the others' figures. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/bffProcess';

const PATH = join(REPO_ROOT, 'docs/benchmarks.md');
export const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** Replaces the section (which includes its markers), or appends it. */
export function writeSection(name: string, section: string): void {
  const { start, end } = markers(name);
  const doc = readFileSync(PATH, 'utf8');
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  writeFileSync(PATH, a >= 0 && b > a ? doc.slice(0, a) + section + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${section}\n`);
}

export function existingSection(name: string): string {
  const { start, end } = markers(name);
  const doc = readFileSync(PATH, 'utf8');
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  return a >= 0 && b > a ? doc.slice(a, b + end.length) : '';
}
