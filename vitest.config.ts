import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// One graphql module instance: both type-graphql (CJS) and our ESM code must resolve to the same file.
const graphqlEntry = require.resolve('graphql');

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) {
  console.log('TEST_DATABASE_URL is not set: integration tests run on embedded PGlite only (the PostgreSQL run is skipped).');
}

const shared = {
  alias: { graphql: graphqlEntry },
};

export default defineConfig({
  resolve: shared,
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { resolve: shared, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 60_000 } },
      // Browser tests (test/web): Chromium against a gateway on an ephemeral port; builds web/dist first.
      { resolve: shared, test: { name: 'web', include: ['test/web/**/*.test.ts'], setupFiles: ['test/setup.ts'], globalSetup: ['test/web/global-setup.ts'], env: { GANTRY_TEST_BACKEND: 'pglite' }, testTimeout: 60_000, hookTimeout: 60_000, expect: { poll: { timeout: 15_000 } } } },
      {
        resolve: shared,
        test: {
          name: 'pglite',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/setup.ts'],
          env: { GANTRY_TEST_BACKEND: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(postgresUrl
        ? [
            {
              resolve: shared,
              test: {
                name: 'postgres',
                include: ['test/integration/**/*.test.ts'],
                setupFiles: ['test/setup.ts'],
                env: { GANTRY_TEST_BACKEND: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      // Heavy hardening runs (test/stress): only with GANTRY_STRESS=1 (`npm run test:stress`), on
      // PostgreSQL when TEST_DATABASE_URL is set, else on PGlite. The default run has short versions.
      ...(process.env.GANTRY_STRESS === '1'
        ? [
            {
              resolve: shared,
              test: {
                name: 'stress',
                include: ['test/stress/**/*.test.ts'],
                setupFiles: ['test/setup.ts'],
                env: { GANTRY_TEST_BACKEND: postgresUrl ? 'postgres' : 'pglite' },
                testTimeout: 900_000,
                hookTimeout: 300_000,
              },
            },
          ]
        : []),
    ],
  },
});
