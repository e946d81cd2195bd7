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

/** A section that keeps a benchmark's last `keep` runs, newest last: `header` (its title and
 * how it measures), then each run, from its `### Run` heading on. */
export function writeRunsSection(name: string, header: string, run: string, keep: number): void {
  const { start, end } = markers(name);
  const previous = existingSection(name);
  const runs = previous
    ? previous
        .slice(previous.indexOf('### Run'), previous.indexOf(end))
        .split(/(?=^### Run )/m)
        .filter((s) => s.startsWith('### Run'))
    : [];
  const kept = [...runs.map((s) => s.trim()), run].slice(-keep);
  writeSection(name, `${start}\n${header}\n\n${kept.join('\n\n')}\n${end}`);
}
