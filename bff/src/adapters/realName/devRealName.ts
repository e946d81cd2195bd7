/**
 * Dev/test real-name provider: every verification passes for the name and ID number it was
 * started for, unless the client completes it with `result: "fail"` (how tests and the dev
 * H5 force a failure). Refused by config unless YIMA_DEV=1.
 */
import type { RealNameProvider } from './realNameProvider';

export function createDevRealName(): RealNameProvider {
  return {
    name: 'dev',
    async start(_subject, verificationId) {
      return { ref: `dev-${verificationId}`, client: {} };
    },
    async result({ ref, clientResult, subject }) {
      const resultKey = ref ?? 'dev';
      if (clientResult === 'fail') return { kind: 'failed', reason: 'dev provider told to fail', resultKey };
      return { kind: 'passed', reported: { kind: 'plain', ...subject }, resultKey };
    },
  };
}
