#!/usr/bin/env node
// `npm run check:ssr` (after `npm run build`): imports every entry point of the package, by its package name through
// the `exports` map, in plain Node — no window, document, customElements, HTMLElement — each in a fresh process, the
// way a server-rendering host or a test runner without a DOM would. Fails when
//   - an entry throws while it is evaluated, or
//   - an entry that registers no elements (`support-widgets`, `/core`, `/backend`) touches a browser global from our
//     own code while it is evaluated.
// Entries that register elements (`/all`, `/<tag>`, `/react`, `/react/<tag>`) may look at `customElements` (the
// registration is skipped or goes to Lit's server shim); they only must not throw. Touches from dependencies (Lit's
// Node build installs a `customElements` shim) are listed, not failed. The CDN files are for browsers only: they
// bundle Lit's browser build, which extends `HTMLElement` at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const elements = readdirSync('src/elements').filter((tag) => existsSync(`src/elements/${tag}/define.ts`)).sort();

/** Every JavaScript entry of the exports map, patterns expanded with the elements. */
const entries = [];
for (const [key, target] of Object.entries(pkg.exports)) {
  const file = typeof target === 'string' ? target : target.default;
  if (!file.endsWith('.js')) continue; // JSON, CSS, package.json
  const expand = key.includes('*') ? elements.map((tag) => [key.replace('*', tag), tag]) : [[key, null]];
  for (const [subpath] of expand) {
    const specifier = `${pkg.name}${subpath.slice(1)}`;
    const registers = subpath === './all' || subpath.startsWith('./react') || key === './*';
    const browserOnly = subpath.startsWith('./cdn');
    entries.push({ specifier, registers, browserOnly });
  }
}

const GLOBALS = ['window', 'document', 'customElements', 'HTMLElement', 'Element', 'Node', 'navigator', 'self', 'location', 'localStorage', 'sessionStorage', 'indexedDB', 'MutationObserver', 'requestAnimationFrame'];
const root = pathToFileURL(resolve('.')).href;

// A preload module that turns every browser global into a getter recording who read it.
mkdirSync('.cache', { recursive: true });
const trap = resolve('.cache/ssr-trap.mjs');
writeFileSync(
  trap,
  `const touches = [];
globalThis.__ssrTouches = touches;
for (const name of ${JSON.stringify(GLOBALS)}) {
  const own = Object.getOwnPropertyDescriptor(globalThis, name);
  let value = own ? own.value ?? own.get?.call(globalThis) : undefined;
  const record = (kind) => {
    const frame = new Error().stack.split('\\n').slice(3).find((l) => !l.includes('node:internal') && !l.includes('ssr-trap')) ?? '';
    touches.push({ kind, name, frame: frame.trim() });
  };
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() { record('read'); return value; },
    set(v) { record('write'); value = v; },
  });
}
`,
);

const probe = (specifier) => `
try {
  await import(${JSON.stringify(specifier)});
  console.log(JSON.stringify({ ok: true, touches: globalThis.__ssrTouches }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error?.stack ?? error), touches: globalThis.__ssrTouches }));
}`;

let failures = 0;
for (const entry of entries) {
  if (entry.browserOnly) {
    console.log(`- ${entry.specifier}: skipped (browser-only bundle)`);
    continue;
  }
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(trap).href, '--input-type=module', '-e', probe(entry.specifier)], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const line = run.stdout.trim().split('\n').pop();
  let result;
  try {
    result = JSON.parse(line);
  } catch {
    result = { ok: false, error: run.stderr || run.stdout, touches: [] };
  }
  const ours = result.touches.filter((t) => t.frame.includes(root) && !t.frame.includes('/node_modules/'));
  const theirs = result.touches.filter((t) => !ours.includes(t));
  const problems = [];
  if (!result.ok) problems.push(`throws: ${result.error.split('\n').slice(0, 3).join(' ')}`);
  if (!entry.registers && ours.length) problems.push(`touches ${[...new Set(ours.map((t) => t.name))].join(", ")} (${ours[0].frame})`);
  const note = [
    entry.registers && ours.length ? `registers: reads ${[...new Set(ours.map((t) => t.name))].join(', ')}` : '',
    theirs.length ? `dependencies touch ${[...new Set(theirs.map((t) => `${t.name}${t.kind === 'write' ? ' (write)' : ''}`))].join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  if (problems.length) {
    failures += 1;
    console.log(`✗ ${entry.specifier}: ${problems.join('; ')}`);
  } else {
    console.log(`✓ ${entry.specifier}${note ? ` (${note})` : ''}`);
  }
}

if (failures) {
  console.error(`\n${failures} entr${failures === 1 ? 'y is' : 'ies are'} not safe to import without a DOM.`);
  process.exit(1);
}
console.log('\nEvery entry imports in plain Node without a DOM.');
