import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROME_FLAGS, findChrome } from './scripts/chrome.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { reactEsm } from './scripts/react-esm-plugin.mjs';
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
    // Two test pages run at once, and only the one in front counts as focused: Escape would not reach a modal
    // <dialog> in the other. Emulating focus makes both behave like the page in front. Each page also gets its own
    // browser context, i.e. its own window, so that neither is a background tab where animation frames and
    // transitions stop (tests waiting on them, such as a modal's open, would time out).
    createPage: async ({ browser }) => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const cdp = await page.createCDPSession();
      await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      return page;
    },
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
    reactEsm(),
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
