#!/usr/bin/env node
// `npm run size` (after `npm run build`): the size budget. Measures what a page loads at once (code behind a dynamic
// import() is reported apart and has no budget), minified and gzipped,
//   - dist/cdn/support-widgets.js, the self-contained bundle of all elements (Lit, idb, date-fns included), as shipped;
//   - `support-widgets/all` and every element's own entry (`support-widgets/<tag>`), each bundled alone with all its
//     dependencies the way an app's bundler would (esbuild, production conditions, minified);
// prints a table and exits 1 when a budget is exceeded. Elements are found from src/elements/*/define.ts.
// `--write` also records the table in docs/performance.md (section "Bundle size"); `--verbose` lists what fills each
// bundle (always shown for a bundle over its budget).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

/**
 * Budgets in bytes of gzipped output (1 kB = 1,000 bytes). Raised from 30/20 kB when the response validator and the
 * CDN cache stopped loading behind import() (issue 13: no import() on the way to first content); the budget on what a
 * page really loads until content shows replaces this entry-file check.
 */
export const BUDGETS = { all: 34_000, element: 22_000 };

const args = new Set(process.argv.slice(2));
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

if (!existsSync('dist/cdn/support-widgets.js')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const elements = readdirSync('src/elements')
  .filter((tag) => existsSync(`src/elements/${tag}/define.ts`))
  .sort();

/**
 * Bundles `entry` with every dependency, minified, with code splitting: what a page loads at once is the entry chunk
 * and the chunks it imports statically; chunks behind a dynamic `import()` (German strings loaded on demand, a rarely
 * opened view) load later and are reported apart. Returns the initial code, what went into it, and the lazy bytes.
 */
async function bundle(entry) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir: '.cache/size',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['production'],
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  // Chunks loaded with import() are entry points too: pick the one of `entry` itself.
  const entryOutput = Object.keys(outputs).find((file) => outputs[file].entryPoint === entry);
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entryOutput);
  const code = (file) => result.outputFiles.find((f) => f.path.endsWith(file)).contents;
  const inputs = {};
  let lazy = 0;
  for (const [file, output] of Object.entries(outputs)) {
    if (!file.endsWith('.js')) continue;
    if (initial.has(file)) Object.assign(inputs, output.inputs);
    else lazy += gzipSync(code(file), { level: 9 }).length;
  }
  return { code: Buffer.concat([...initial].map(code)), inputs, lazy };
}

/** Groups a bundle's inputs by package (node_modules) or source folder. */
function contents(inputs) {
  const groups = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const key = file.includes('node_modules/')
      ? file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
      : file.replace(/^(dist\/(chunks\/[^-.]+|[^/]+\/[^/]+)).*$/, '$1');
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).filter(([, bytes]) => bytes > 0);
}

const rows = [];
function measure(label, code, budget, inputs = null, lazy = 0) {
  const min = code.length;
  const gzip = gzipSync(code, { level: 9 }).length;
  const ok = budget === null || gzip <= budget;
  rows.push({ label, min, gzip, budget, ok, inputs, lazy });
}

// The CDN bundle is self-contained for what it loads at once (the build fails otherwise); files beside it that it
// imports dynamically load on demand.
const cdn = readFileSync('dist/cdn/support-widgets.js');
const cdnLazy = readdirSync('dist/cdn')
  .filter((f) => f.endsWith('.js') && !['support-widgets.js', 'demo-backend.js', 'http-backend.js'].includes(f))
  .reduce((sum, f) => sum + gzipSync(readFileSync(`dist/cdn/${f}`), { level: 9 }).length, 0);
measure('all elements, CDN bundle (dist/cdn/support-widgets.js)', cdn, BUDGETS.all, null, cdnLazy);
const all = await bundle('dist/define/all.js');
measure('all elements (support-widgets/all, bundled)', all.code, BUDGETS.all, all.inputs, all.lazy);
for (const tag of elements) {
  const entry = `dist/elements/${tag}/define.js`;
  if (!existsSync(entry)) {
    console.error(`${entry} is missing: run \`npm run build\` again (a new element?).`);
    process.exit(1);
  }
  const { code, inputs, lazy } = await bundle(entry);
  measure(`<${tag}> alone (support-widgets/${tag}, bundled)`, code, BUDGETS.element, inputs, lazy);
}
if (existsSync('dist/cdn/demo-backend.js')) {
  measure('demo backend (dist/cdn/demo-backend.js, beside the CDN bundle)', readFileSync('dist/cdn/demo-backend.js'), null);
}
if (existsSync('dist/cdn/http-backend.js')) {
  measure('HTTP backend (dist/cdn/http-backend.js, beside the CDN bundle)', readFileSync('dist/cdn/http-backend.js'), null);
}

const table = [
  '| Bundle | Minified | Gzipped | Budget (gzipped) | Loaded on demand (gzipped) |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.label.replace(/</g, '`<').replace(/>/g, '>`')} | ${kB(r.min)} | ${kB(r.gzip)} | ${r.budget === null ? '—' : `${kB(r.budget)}${r.ok ? '' : ' **exceeded**'}`} | ${r.lazy ? kB(r.lazy) : '—'} |`,
  ),
].join('\n');

const width = Math.max(...rows.map((r) => r.label.length));
console.log(`\nBundle sizes: what loads at once (minified; gzip level 9; 1 kB = 1,000 bytes)\n`);
console.log(`  ${'bundle'.padEnd(width)}  ${'min'.padStart(9)}  ${'gzip'.padStart(9)}  budget`);
for (const r of rows) {
  const verdict =
    r.budget === null
      ? '—'
      : `${kB(r.budget).padStart(9)} ${r.ok ? 'ok' : 'EXCEEDED'}`;
  const lazy = r.lazy ? `   (+ ${kB(r.lazy)} gzipped on demand)` : '';
  console.log(`  ${r.label.padEnd(width)}  ${kB(r.min).padStart(9)}  ${kB(r.gzip).padStart(9)}  ${verdict}${lazy}`);
  if (r.inputs && (!r.ok || args.has('--verbose'))) {
    for (const [name, bytes] of contents(r.inputs).slice(0, 12)) console.log(`      ${name.padEnd(48)} ${kB(bytes).padStart(9)} (minified)`);
  }
}

if (args.has('--write')) {
  const file = 'docs/performance.md';
  const start = '<!-- bundle-size:start -->';
  const end = '<!-- bundle-size:end -->';
  const block = `${start}\n${table}\n\nMeasured on ${new Date().toISOString().slice(0, 10)} with \`npm run build && npm run size -- --write\`.\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  } else {
    text = `${text.trimEnd()}\n\n## Bundle size\n\n${block}\n`;
  }
  writeFileSync(file, text);
  console.log(`\nWrote the table to ${file}.`);
}

const over = rows.filter((r) => !r.ok);
if (over.length) {
  console.error(`\nOver budget: ${over.map((r) => r.label).join('; ')}.`);
  process.exit(1);
}
console.log('\nAll bundles are within their budgets.');
