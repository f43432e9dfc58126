#!/usr/bin/env node
// `npm test`: type-check, then every browser test in headless Chromium; the last line is `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChrome } from './chrome.mjs';

const extraArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, env = process.env) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  return result.status === 0;
}

// 1. Type-checking counts as one check per project.
for (const project of ['tsconfig.json', 'test/tsconfig.json', 'server/tsconfig.json']) {
  if (run(`tsc -p ${project}`, 'node_modules/.bin/tsc', ['--noEmit', '-p', project])) passed += 1;
  else failed += 1;
}

// 2. Browser tests.
try {
  findChrome();
} catch (error) {
  console.error(String(error.message ?? error));
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}
const countsFile = join(mkdtempSync(join(tmpdir(), 'sw-tests-')), 'counts.json');
const ok = run('web-test-runner', 'node_modules/.bin/wtr', ['--config', 'web-test-runner.config.mjs', '--coverage', ...extraArgs], {
  ...process.env,
  SW_COUNTS_FILE: countsFile,
});
if (existsSync(countsFile)) {
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  if (counts.brokenFiles.length) console.log(`Files that failed outside a test: ${counts.brokenFiles.join(', ')}`);
} else {
  failed += 1; // the runner crashed before reporting
}
if (!ok && failed === 0) failed += 1;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
