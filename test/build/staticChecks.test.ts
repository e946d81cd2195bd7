import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/bffProcess';

/** Runs a repo script; on failure the test shows the tool's own output. */
function run(script: string): string {
  try {
    return execFileSync('npm', ['run', script, '--silent'], { cwd: REPO_ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`npm run ${script} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

describe('static checks', () => {
  it('when every package is type-checked in strict mode, then there are no errors', () => {
    expect(() => run('typecheck')).not.toThrow();
  });

  it('when the repo is linted, then there are no problems', () => {
    expect(() => run('lint')).not.toThrow();
  });
});

describe('the public face of a feature', () => {
  /** Lints `code` as if it were the file at `path` (nothing is written to disk). */
  async function problems(path: string, code: string): Promise<string[]> {
    const { ESLint } = await import('eslint');
    const [result] = await new ESLint({ cwd: REPO_ROOT }).lintText(code, { filePath: `${REPO_ROOT}/${path}` });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it('when a feature imports a file inside another feature, then lint fails', async () => {
    const code = "import type { UsersRepo } from '../identity/usersRepo';\nexport type U = UsersRepo;\n";
    expect(await problems('bff/src/features/checkins/violation.ts', code)).toEqual([expect.stringContaining('public face')]);
  });

  it('when code outside the features (app, tests) imports a file inside one, then lint fails', async () => {
    expect(await problems('bff/src/violation.ts', "export { createUsersRepo } from './features/identity/usersRepo';\n")).toHaveLength(1);
    expect(await problems('test/integration/violation.test.ts', "export { tokenDigest } from '@yima/bff/src/features/code/issuedTokens';\n")).toHaveLength(1);
  });

  it('when they import through the index, or a feature imports its own files, then lint passes', async () => {
    expect(
      await problems(
        'bff/src/features/checkins/fine.ts',
        "export type { UsersRepo } from '../identity';\nexport type { CheckinsRepo } from './checkinsRepo';\n",
      ),
    ).toEqual([]);
    expect(await problems('bff/src/fine.ts', "export { createUsersRepo } from './features/identity';\nexport { AppError } from './http/errors';\n")).toEqual(
      [],
    );
  });
});

describe('the import graph of the BFF', () => {
  it('when it is drawn, then no feature is in a circle and http imports no feature', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import-graph.ts', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(out).toContain('circles: none');
  });
});
