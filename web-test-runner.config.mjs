import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROME_FLAGS, findChrome } from './scripts/chrome.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { distSourcePlugin } from './scripts/dist-source-plugin.mjs';
import { mediaFeaturesPlugin } from './scripts/media-features-plugin.mjs';
import { reactEsm } from './scripts/react-esm-plugin.mjs';
import { referenceServerPlugin } from './scripts/reference-server-plugin.mjs';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';

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
    // Each test file in its own window: with concurrency, pages opened as tabs of one window are hidden except one, and
    // a hidden page runs no requestAnimationFrame (open-wc's fixture() and until() wait for frames). Focus emulation
    // also lets Escape reach a modal <dialog> in a window that is not in front. All pages share the default browser
    // context, so IndexedDB is shared between test files running side by side: every test opens databases under a
    // scope of its own (testBackends() in test/helpers/backend.ts, a prefix per gallery mount).
    createPage: async ({ context }) => {
      const page = await context.newPage({ type: 'window' });
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
    ...(process.env.SW_TEST_DIST ? [distSourcePlugin()] : []),
    reactEsm(),
    // emulateMediaFeatures() in tests: forced colours and colour scheme through the DevTools protocol.
    mediaFeaturesPlugin(),
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    // Reference servers (SQLite) for the adapter tests, started on first use on free loopback ports.
    referenceServerPlugin(),
    // Screenshot tests of the states gallery (test/visual/gallery-screenshots.test.ts): baselines are committed in
    // test/visual/baselines/; a failing screenshot and its diff go to screenshots/visual-failed/ (not committed).
    // `npm run test:visual:update` (SW_UPDATE_BASELINES=1) rewrites the baselines. Tolerance (docs/testing.md): a pixel
    // counts as changed when its colour differs by more than pixelmatch's threshold 0.1 and it is not anti-aliasing
    // (pixelmatch detects and skips anti-aliased pixels); a state fails when more than 0.05 % of its pixels changed
    // or its size changed. Same-machine reruns differ by 0 pixels, under load too; a moved button or a wrapped line
    // changes far more. SW_VISUAL_EXACT=1 fails on any pixel that differs at all (the determinism check), and
    // SW_BASELINES_DIR reads and writes the baselines elsewhere (a scratch set to compare runs with).
    visualRegressionPlugin({
      update: process.env.SW_UPDATE_BASELINES === '1',
      baseDir: '.',
      getBaselineName: ({ name }) => `${process.env.SW_BASELINES_DIR || 'test/visual/baselines'}/${name}`,
      getFailedName: ({ name }) => `screenshots/visual-failed/${name}`,
      getDiffName: ({ name }) => `screenshots/visual-failed/${name}-diff`,
      ...(process.env.SW_VISUAL_EXACT === '1'
        ? { diffOptions: { threshold: 0, includeAA: true }, failureThresholdType: 'pixel', failureThreshold: 0 }
        : { diffOptions: { threshold: 0.1, includeAA: false }, failureThresholdType: 'percent', failureThreshold: 0.05 }),
    }),
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
