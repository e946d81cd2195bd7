/**
 * The BFF's import graph between its parts, as text: one line per part with what it imports,
 * then every circle (strongly connected component). A part is a feature folder
 * (`features/<f>`), `http`, or another top-level module of bff/src. Type-only imports count:
 * they are dependencies of the design even when the compiler erases them.
 *
 *   npx tsx scripts/import-graph.ts          # the graph
 *   npx tsx scripts/import-graph.ts --check  # exit 1 if there is a circle, or http imports a feature
 *
 * docs/decisions/0013-bff-structure.md holds the graph before and after the restructuring.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../bff/src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** The part a file of bff/src belongs to. */
function partOf(path: string): string {
  const [top, second] = relative(SRC, path).split('/');
  if (top === 'features') return `features/${second}`;
  return top.replace(/\.ts$/, '');
}

const edges = new Map<string, Set<string>>();
for (const file of files(SRC)) {
  const from = partOf(file);
  if (!edges.has(from)) edges.set(from, new Set());
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (!spec.startsWith('.')) continue;
    const to = partOf(resolve(dirname(file), spec));
    if (to !== from) edges.get(from)!.add(to);
  }
}

/** Tarjan's strongly connected components: every component of more than one part is a circle. */
function circles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

const isFeature = (p: string) => p.startsWith('features/');
const found = circles();
const httpToFeatures = [...(edges.get('http') ?? [])].filter(isFeature);

// Features (and http, whose independence from them is part of the rule) first; the other
// parts are infrastructure and only listed as targets.
for (const part of [...edges.keys()].filter((p) => isFeature(p) || p === 'http' || p === 'app').sort()) {
  const targets = [...edges.get(part)!].filter((t) => isFeature(t) || t === 'http').sort();
  console.log(`${part} -> ${targets.join(', ') || '(none)'}`);
}
console.log(found.length ? `\ncircles:\n${found.map((c) => `  ${c.join(' <-> ')}`).join('\n')}` : '\ncircles: none');
console.log(`http imports features: ${httpToFeatures.join(', ') || 'none'}`);

if (process.argv.includes('--check') && (found.length || httpToFeatures.length)) process.exit(1);
