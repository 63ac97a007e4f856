import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the CPUs: one on a 2-core machine. `npm test` runs
    // the integration and browser projects in their own processes beside these (test/runProjects.ts).
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One local stack (DynamoDB Local, SES emulator, API, stream poller) for the whole run.
          globalSetup: ['test/integration/localStackSetup.ts'],
          // The tests share one mail inbox: run the files one after the other.
          fileParallelism: false,
          // Beside the browser project's Chromium and Studio (test/runProjects.ts): room for load.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          // The synth and the budgets share one build of every function (infra/functionBuild.ts):
          // made once, about a minute when the other projects keep both CPUs busy.
          hookTimeout: 240_000,
        },
      },
      // The Studio in Debian's Chromium, on its own local stack (test/browser/studioStackSetup.ts).
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/studioStackSetup.ts'],
          // One browser walks through the Studio: the steps follow each other.
          fileParallelism: false,
          sequence: { concurrent: false },
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // A page's answer waits on the local stack, slower while the integration process runs.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
      // The Studio's schema and the demo dataset, checked with Sanity's own tools.
      {
        test: {
          name: 'studio',
          include: ['test/studio/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
