/**
 * Keeps role checks in policies (docs/decisions/0018-authorisation-policies.md): outside
 * bff/src/policy/ and the features' policy.ts, no code of the BFF reads a grant's role or walks
 * a grant list by hand. A route asks `access.can(policy, action, …)`; a service asks the policy.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What an inline role check looks like: `g.role === 'admin'`, `grants.some(…)`, `.role !== r`,
 * or a policy module's role helpers called elsewhere (`isAdmin(actor)`, `holds(…)`,
 * `scopesOf(…)`: what a role allows is the policy's to say). */
const INLINE = [/\.role\s*[!=]==?/, /\bgrants\s*\.\s*(some|filter|find|every|map)\s*\(/, /(?<![.\w])(isAdmin|holds|holdsFor|scopesOf)\s*\(\s*\w+\s*[,)]/];

const isPolicyModule = (path: string) => path.startsWith('policy/') || /^features\/[^/]+\/policy\.ts$/.test(path);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** `file:line: text` for every inline check in `text`. */
function inlineChecks(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (INLINE.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe('role checks live in policies', () => {
  it('when bff/src is read, then only policy modules read grants’ roles', () => {
    const found = sources(SRC)
      .map((path) => relative(SRC, path))
      .filter((file) => !isPolicyModule(file))
      .flatMap((file) => inlineChecks(file, readFileSync(join(SRC, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('when a check is written inline, then it is found (the patterns still match)', () => {
    for (const line of [
      "grants.some((g) => g.role === 'admin')",
      "const ids = grants.filter((x) => x.role === 'venue-staff')",
      "if (grant.role !== 'operator') throw forbidden();",
      'actor.grants.find(isAuthority)',
      "const scope = isAdmin(actor) ? 'all' : mine;",
      "grids: scopesOf(actor, 'community-worker'),",
      "if (holds(actor, 'operator')) return;",
    ])
      expect(inlineChecks('features/x/service.ts', line)).toHaveLength(1);
    expect(inlineChecks('features/x/service.ts', "visitsPolicy.can(actor, 'scan', { venueId })")).toEqual([]);
  });
});
