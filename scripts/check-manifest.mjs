#!/usr/bin/env node
// Fails when the committed custom-elements.json differs from a freshly generated one, or when a file generated from
// it (React wrappers, editor data, API docs: scripts/generate.mjs) is out of date.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAll, sync } from './generate.mjs';

const committed = readFileSync('custom-elements.json', 'utf8');
// The analyzer resolves outdir against the working directory: use a folder inside the project (git-ignored).
const dir = '.cache/cem-check';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const config = join(dir, 'cem.config.mjs');
const base = (await import(new URL('../custom-elements-manifest.config.mjs', import.meta.url))).default;
// packagejson: false, or the analyzer would point package.json's "customElements" at this temporary folder.
writeFileSync(config, `export default ${JSON.stringify({ ...base, outdir: dir, packagejson: false })};`);
execFileSync('node_modules/.bin/cem', ['analyze', '--config', config], { stdio: 'ignore' });
const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
// The analyzer globs files concurrently, so the order of `modules` varies from run to run: compare sorted by path.
const normal = (text) => {
  const manifest = JSON.parse(text);
  manifest.modules?.sort((a, b) => a.path.localeCompare(b.path));
  return JSON.stringify(manifest);
};
if (normal(fresh) !== normal(committed)) {
  console.error('custom-elements.json is out of date: run `npm run analyze` and commit the result.');
  process.exit(1);
}
const stale = sync(generateAll(JSON.parse(fresh)));
if (stale.length) {
  console.error(`Files generated from custom-elements.json are out of date (run \`npm run analyze\` and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log('custom-elements.json and the files generated from it are current.');
