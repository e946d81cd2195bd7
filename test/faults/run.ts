/**
 * `npm run faults -- [--fault stall|mysql-kill|redis-restart|batch-kill|all] [--profile short|long]
 * [--code-cache-seconds N]`: runs the fault scripts, each as its own process (each starts and
 * stops its own stores and BFF). Without `--fault`, the stalls only (stall.ts), as `npm test`
 * runs them. `all` runs every fault one after another and fails if any failed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPTS = { stall: 'stall.ts', 'mysql-kill': 'kills.ts', 'redis-restart': 'kills.ts', 'batch-kill': 'kills.ts' } as const;
type Fault = keyof typeof SCRIPTS;

const argv = process.argv.slice(2);
const at = argv.indexOf('--fault');
const chosen = at >= 0 ? argv[at + 1] : 'stall';
const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
if (chosen !== 'all' && !(chosen in SCRIPTS)) {
  console.error(`--fault: ${Object.keys(SCRIPTS).join(', ')} or all, not ${chosen}`);
  process.exit(2);
}
const faults = chosen === 'all' ? (Object.keys(SCRIPTS) as Fault[]) : [chosen as Fault];
const failed: string[] = [];
for (const fault of faults) {
  if (faults.length > 1) console.log(`\n######## ${fault}`);
  const script = fileURLToPath(new URL(SCRIPTS[fault], import.meta.url));
  // The stall script runs both stalls and takes no --fault (--code-cache-seconds is its own).
  const args = fault === 'stall' ? rest : ['--fault', fault, ...rest.filter((a, i) => a !== '--code-cache-seconds' && rest[i - 1] !== '--code-cache-seconds')];
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (status !== 0) failed.push(fault);
}
if (faults.length > 1) console.log(`\nfaults: ${faults.length - failed.length} passed${failed.length ? `, failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
