/**
 * Integration setup: a test fails when an app it started answered outside the route contract
 * (contractCheck.ts records; this reports). After each test, and after each file for what its
 * hooks (fixtures in beforeAll) requested.
 */
import { afterAll, afterEach } from 'vitest';
import { takeContractViolations } from './contractCheck';

function assertKept(): void {
  const found = takeContractViolations();
  if (found.length === 0) return;
  const shown = [...new Set(found)].slice(0, 20);
  throw new Error(
    `answers outside the route contract (shared/src/contracts/routes.ts):\n  ${shown.join('\n  ')}${found.length > shown.length ? `\n  … ${found.length - shown.length} more` : ''}`,
  );
}

afterEach(assertKept);
afterAll(assertKept);
