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
      { resolve: shared, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/setup.ts'] } },
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
    ],
  },
});
