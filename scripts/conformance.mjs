#!/usr/bin/env node
// `npm run conformance -- --adapter ./path/to/my-adapter.js [--only text] [--skip text]`: runs the conformance suite
// against any adapter module in real Chromium. The module's default export is a SubjectFactory: a function that
// returns `{ backend, control, dispose? }` for a fresh, signed-in customer (see docs/adapter.md, "Run the suite").
// An own script, not a test-runner config: it writes a one-line test file that imports the module and hands it to
// `describeConformance`, then runs web-test-runner (with this repository's config: TypeScript, Chromium flags) on it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const adapter = value('--adapter');
if (!adapter || !existsSync(adapter)) {
  console.error('Usage: npm run conformance -- --adapter ./my-adapter.js [--only <text>] [--skip <text>]\n' +
    '  The module (inside this folder) default-exports a SubjectFactory; see docs/adapter.md.');
  process.exit(2);
}
const dir = '.cache/conformance';
mkdirSync(dir, { recursive: true });
const from = relative(resolve(dir), resolve(adapter)).replaceAll('\\', '/');
const options = { ...(value('--only') ? { only: [value('--only')] } : {}), ...(value('--skip') ? { skip: [value('--skip')] } : {}) };
writeFileSync(
  `${dir}/adapter.test.ts`,
  `import factory from '${from.startsWith('.') ? from : `./${from}`}';\n` +
    `import { describeConformance } from '../../src/testing/index.js';\n` +
    `describeConformance(${JSON.stringify(`conformance: ${adapter}`)}, factory, ${JSON.stringify(options)});\n`,
);
const run = spawnSync(
  'node_modules/.bin/wtr',
  ['--config', 'web-test-runner.config.mjs', '--group', 'default', '--files', `${dir}/adapter.test.ts`],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
