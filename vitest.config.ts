import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code beside it, parallel), `integration` (the BFF over HTTP
 * on real MariaDB/Redis and fake platform servers on loopback) and `e2e` (builds and the
 * H5 app in Chromium). Integration and e2e use their own databases and Redis DBs, so the
 * projects can run side by side; within each, files run one at a time.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'bff/src/**/*.test.ts', 'miniprogram/src/**/*.test.ts'],
          environment: 'node',
          // A hang detector, not a speed target: property tests that sign and verify hundreds
          // of tokens take ~0.3 s alone and several times that on a loaded 2-core CI machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
          globalSetup: ['test/support/globalSetup.integration.ts'],
          // Fails a test whose requests got an answer the route contract does not allow.
          setupFiles: ['test/support/contractSetup.ts'],
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/build/**/*.test.ts'],
          globalSetup: ['test/support/globalSetup.e2e.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
