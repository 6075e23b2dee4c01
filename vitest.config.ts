import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing; `integration` and `e2e` get one real Neo4j for the whole run,
// started by test/setup/neo4j-global.ts through the same launcher as `callhound db start`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/e2e/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/neo4j-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One database for all files: run files one after another so they don't trample each other's data.
          fileParallelism: false,
        },
      },
    ],
  },
});
