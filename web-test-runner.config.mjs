import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROME_FLAGS, findChrome } from './scripts/chrome.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { referenceServerPlugin } from './scripts/reference-server-plugin.mjs';

const executablePath = findChrome();

/** A Chromium launcher, optionally with another time zone for the whole browser. */
const chromium = (timeZone) =>
  chromeLauncher({
    launchOptions: {
      executablePath,
      headless: true,
      args: CHROME_FLAGS,
      ...(timeZone ? { env: { ...process.env, TZ: timeZone } } : {}),
    },
    // Each test page in its own browser context, i.e. its own window: with two pages in one window, one is a
    // background tab, where requestAnimationFrame, transitions and focus stop, and tests waiting on them time out.
    createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
  });

export default {
  files: ['test/**/*.test.ts', '!test/**/*.new-york.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testsFinishTimeout: 300_000,
  browsers: [chromium()],
  groups: [
    {
      // Tests named *.new-york.test.ts run in a browser whose own time zone is America/New_York.
      name: 'new-york',
      files: 'test/**/*.new-york.test.ts',
      browsers: [chromium('America/New_York')],
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    // Reference servers (SQLite) for the adapter tests, started on first use on free loopback ports.
    referenceServerPlugin(),
  ],
  filterBrowserLogs: ({ args }) => !String(args?.[0] ?? '').startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
  coverageConfig: {
    include: ['src/**/*.ts'],
    report: true,
    reportDir: 'coverage',
    reporters: ['text-summary', 'lcov'],
  },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
