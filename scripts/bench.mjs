#!/usr/bin/env node
// `npm run bench`: benchmarks of support-widgets in headless Chromium (a benchmark, not a test: it prints numbers).
//
// Chat: first paint of <support-chat-panel> from a warm IndexedDB cache, for 2,000 and 20,000 messages. The page
// (bench/chat.html + bench/chat-bench.ts) is bundled and minified with esbuild, as a site would ship it, and served by
// a small static server. For each size: one visit fills the cache, then every sample is a fresh page load whose
// backend takes 120 s to answer, so what appears comes from the cache. It also scrolls through the whole chat and
// records frame times, and reports the element's bundle size.
//
// Usage: npm run bench [-- --samples 9] [-- --sizes 2000,20000] [-- --json bench-results/chat.json]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from './chrome.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const samples = Number(option('samples', 7));
const sizes = option('sizes', '2000,20000').split(',').map(Number);
const jsonOut = option('json', null);

// ---------------------------------------------------------------------------------------------- sizes
/** The element's own code: what it adds to a page that already has the shared foundation (src/internal, the rest of core/backend). */
const ownCodeOnly = {
  name: 'foundation-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = join(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const own = /src\/(elements\/support-chat-panel|backend\/chat)\/|src\/core\/(chat|linkify)\.ts$/.test(path);
      return own ? undefined : { path: args.path, external: true };
    });
  },
};

async function bundleSize(external, plugins = []) {
  const result = await build({
    entryPoints: ['src/elements/support-chat-panel/define.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    tsconfig: 'tsconfig.json',
    external,
    plugins,
    legalComments: 'none',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

// ---------------------------------------------------------------------------------------------- page
const dir = mkdtempSync(join(tmpdir(), 'sw-bench-'));
await build({
  entryPoints: { 'chat-bench': 'bench/chat-bench.ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outdir: dir,
  tsconfig: 'tsconfig.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  conditions: ['production'],
  logLevel: 'warning',
});
writeFileSync(join(dir, 'chat.html'), readFileSync('bench/chat.html'));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname.replace(/^\/+/, '') || 'chat.html';
  try {
    const body = readFileSync(join(dir, path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://localhost:${server.address().port}/chat.html`;

// ---------------------------------------------------------------------------------------------- run
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), min: sorted[0], max: sorted.at(-1), p95: at(0.95) };
};
const ms = (v) => `${v.toFixed(0)} ms`;

async function visit(browser, n, phase) {
  const page = await browser.newPage();
  await page.setViewport({ width: 420, height: 800 });
  await page.goto(`${base}?n=${n}&phase=${phase}`);
  await page.waitForFunction(() => window.__bench, { timeout: 180_000, polling: 100 });
  const result = await page.evaluate(() => window.__bench);
  await page.close();
  if (result.error) throw new Error(`${phase} ${n}: ${result.error}`);
  return result;
}

const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });
const report = { date: new Date().toISOString(), cpus: cpus().length, loadavg: loadavg().map((v) => +v.toFixed(1)), samples, chat: [] };
try {
  const chromeVersion = await browser.version();
  console.log(`Chromium ${chromeVersion}, ${cpus().length} CPUs, load average ${report.loadavg.join(' ')}; ${samples} samples per size\n`);
  const deps = ['lit', 'lit/*', '@lit/*', 'date-fns', '@date-fns/*', 'idb'];
  const bundles = {
    all: await bundleSize([]),
    litExternal: await bundleSize(['lit', 'lit/*', '@lit/*']),
    ownCode: await bundleSize(deps, [ownCodeOnly]),
  };
  report.size = bundles;
  const kb = ({ min, gzip }) => `${(min / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(1)} KB gzip`;
  console.log('Bundle of <support-chat-panel> (esbuild, minified):');
  console.log(`  everything (lit, date-fns, foundation):       ${kb(bundles.all)}`);
  console.log(`  lit external:                                 ${kb(bundles.litExternal)}`);
  console.log(`  its own code (foundation and deps external):  ${kb(bundles.ownCode)}\n`);
  for (const n of sizes) {
    const warmed = await visit(browser, n, 'warm');
    const runs = [];
    for (let i = 0; i < samples; i += 1) runs.push(await visit(browser, n, 'measure'));
    const connected = stats(runs.map((r) => r.connectedToPaintMs));
    const navigation = stats(runs.map((r) => r.navigationToPaintMs));
    const frames = stats(runs.flatMap((r) => r.frames));
    const row = { n, stored: warmed.stored, connected, navigation, frames, rows: runs[0].rowsRendered, loaded: runs.map((r) => r.messagesLoaded) };
    report.chat.push(row);
    console.log(`${n.toLocaleString('en')} messages (${warmed.stored.toLocaleString('en')} cached)`);
    console.log(
      `  first paint from cache, element connected → rows on screen: median ${ms(connected.median)}` +
        ` (p25–p75 ${ms(connected.p25)}–${ms(connected.p75)}, min–max ${ms(connected.min)}–${ms(connected.max)})`,
    );
    console.log(
      `  first paint from cache, navigation start → rows on screen:  median ${ms(navigation.median)}` +
        ` (p25–p75 ${ms(navigation.p25)}–${ms(navigation.p75)}, min–max ${ms(navigation.min)}–${ms(navigation.max)})`,
    );
    console.log(`  rows in the DOM at first paint: ${row.rows}`);
    console.log(
      `  scrolling the whole chat in 120 frames: frame time median ${ms(frames.median)}, p95 ${ms(frames.p95)}, max ${ms(frames.max)}\n`,
    );
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(report, null, 2));
  console.log(`Wrote ${jsonOut}`);
}
