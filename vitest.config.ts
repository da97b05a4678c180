import { defineConfig } from 'vitest/config';

// Two projects that run side by side: the suites, and the soak test (`pnpm start` for three minutes),
// which after the suites would take CI past its 25 minutes.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    // Opening an embedded database (PGlite) and migrating it takes long on a loaded 2-core machine.
    hookTimeout: 180_000,
    // Tests within a file run shuffled, so no test leans on another's leftovers; the seed is fixed so a
    // run here and CI's run take the same order. Hunt order dependencies with `--sequence.seed=<n>`.
    sequence: { shuffle: { tests: true }, seed: 20261205 },
    restoreMocks: true,
    pool: 'forks',
    // Three files at a time on CI's two cores: the suites mostly wait on sandboxes, databases and timers
    // (two runs of the order-to-cash and Xero-fault files side by side, four files on two cores, took
    // what one file takes alone in a full run plus a fifth); at two the run reached 1,600 s of CI's 1,500.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'suites',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
          exclude: ['test/soak/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'soak', include: ['test/soak/**/*.test.ts'] },
      },
    ],
  },
});
