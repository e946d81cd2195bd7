/** What a benchmark's figures belong to: the commit measured and the machine it ran on. */
import { execFileSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { REPO_ROOT } from '../support/bffProcess';

/** The commit the figures belong to (with "+ uncommitted changes" when the work tree differs). */
export function commitMeasured(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  try {
    const head = git('rev-parse', '--short', 'HEAD');
    // docs/benchmarks.md itself changes between consecutive runs: not a change of what was measured.
    return git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/benchmarks.md') ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** The CPU (lscpu's main lines), memory and Node version. */
export function machine(): string {
  const lscpu = execFileSync('lscpu', { encoding: 'utf8' })
    .split('\n')
    .filter((l) => /^(Architecture|CPU\(s\)|Model name|Thread\(s\) per core|Core\(s\) per socket|Socket\(s\)|CPU max MHz|BogoMIPS)/.test(l))
    .map((l) => l.replace(/\s+/g, ' ').trim());
  return `${lscpu.join('; ')}; ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}`;
}
