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
