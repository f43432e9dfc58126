// Finds the Chromium used by tests, screenshots and benchmarks; installs Debian's package when running as root.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The test runner shows two pages at once; only the one in front counts as visible. Without these, Chromium
  // throttles the timers of the other one to one per second, and axe and the tests' polling time out there.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChrome({ install = true } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot) {
    console.log('Chromium is missing: installing Debian\'s chromium package (about 20 s)…');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'No Chromium found. Install it with:\n  sudo apt-get install -y --no-install-recommends chromium\n' +
      'or point CHROME_PATH at a Chrome/Chromium executable.',
  );
}
