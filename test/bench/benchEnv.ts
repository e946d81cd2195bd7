/** The BFF's environment in every benchmark: the bench project's stores and keys, production
 * logging (info level, 1 % of successful requests sampled), the client address from the socket
 * (wrk connects directly), and SMS limits out of the way of the residents each benchmark logs
 * in. Each benchmark adds its own (the repeat window off, a static folder…). */
import { testEnv } from '../support/testApp';

export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...testEnv('bench'),
    LOG_LEVEL: 'info',
    REQUEST_LOG_SAMPLE: '0.01',
    TRUST_PROXY_HOPS: '0',
    SMS_IP_LIMIT: '1000000',
    SMS_GLOBAL_PER_SECOND: '1000000',
    ...extra,
  };
}

/** Node flags for a benchmarked BFF: with BENCH_CPU_PROF=<dir>, its main thread writes a V8 CPU
 * profile there when it stops (worker threads start without the flags and are not profiled). */
export function profilingArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
