/** CPU time a process has used (user + system), from /proc: a per-request cost that does not
 * drift with what else the machine is doing, unlike requests per second. */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 is state; utime and stime are fields 14 and 15 (1-based).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / TICKS_PER_SECOND;
}

/** The same for a process and all its descendants (a cluster primary and its workers): the
 * children still running, read from /proc/<pid>/task/<tid>/children. */
export function treeCpuMicros(pid: number): number {
  let total = 0;
  try {
    total = cpuMicros(pid);
  } catch {
    return 0; // gone between listing and reading
  }
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(' ').filter(Boolean)) total += treeCpuMicros(Number(child));
  }
  return total;
}
