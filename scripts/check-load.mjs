#!/usr/bin/env node
// `npm run check:load` (after `npm run build`): the budget on what a page really loads. Opens two pages in headless
// Chromium that use the CDN build (dist/cdn/support-widgets.js) with the demo backend (dist/cdn/demo-backend.js),
// English, and measures until their content is visible:
//   (a) chat — a <support-chat-panel> alone;
//   (b) all six — chat, contact card, about, access indicator, callback scheduler and the unlock dialog, open;
// the JavaScript files fetched (count and gzipped bytes, level 9, 1 kB = 1,000 bytes) and the depth of the request
// chain ("waves": the files the page imports are wave 1, what they import — statically or with import() — wave 2 …).
// Exits 1 above a budget. `--write` puts the table into docs/performance.md (section "What a page loads");
// `--throttled` also reports, under a slow-4G-like link (150 ms RTT, 1.6 Mbps down, 750 kbps up, CPU 4× slower), the
// chat page's waterfall (median of `--runs`, default 5): when the entry file arrived, when the page's module graph had
// run (its own script starts), when its backend existed and when the first backend call started — with the demo
// backend, and with the HTTP backend (dist/cdn/http-backend.js; this server answers its requests with 503), whose
// first request is a real one (a benchmark figure, not a budget);
// `--dist <dir>` measures another build (e.g. one of an older commit).
//
// An own script rather than a maintained tool: Lighthouse's budgets count bytes and requests but not the depth of the
// module chain, nor "until this element shows its content"; the pages and the readiness checks are ours anyway.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from './chrome.mjs';

/**
 * Budgets (gzipped bytes, 1 kB = 1,000 bytes; waves of the request chain). Issue 13's targets are chat ≤ 50 kB and all
 * six ≤ 72 kB, ≤ 2 waves each. The waves are met (1 and 2). The bytes are not, and are not bent to be (STYLE: a
 * target is a means): the CDN file carries every element, the cache and the response validator statically since
 * nothing on the way to the data may wait for an import() — measured 57.0 kB and 77.3 kB (docs/performance.md).
 * Then the deadlines and contained subscribe (issue 16), the chat engine in parts (issue 14) and the demo backend on
 * the shared rules layer (issue 14; the page loads it as its backend) added 7 kB: 64.0 kB and 84.8 kB. The unlock
 * dialog's tablist and tabpanels then moved into the dialog itself (they show at once; the contents chunk shrank from
 * 13.1 to 9.5 kB): 67.9 kB and 85.1 kB.
 * Then features the elements show at once (4 Dec, later session): contact facts that survive a failure, the one
 * format module, the brand in the right's name (issue 15, about 2 kB); replies noticed while hidden and the transcript
 * (issue 18): 74.1 kB and 91.3 kB; then phone sheets, card tables, focus outlines (issue 15 CSS) and chat attachments
 * (issue 18: content sniffing, the outbox's files, composer tray, thumbnails) in the always-visible chat: 80.7 kB and
 * 98.4 kB. The chat is one piece (docs/decisions.md: an always-visible element is not split), so its attachment
 * code is not put behind an import() to meet a number.
 * Then attachments that keep working offline (issue 18: the cache's attachment store, budget, eviction and retention,
 * and the log's "Not available offline" state) added 1.6 kB: 82.2 kB and 99.9 kB (from 80.6 and 98.3 on the main
 * of that day). The thumbnails show at once, so that code is not behind an import() either.
 * Then the type read from a file's first bytes and remembered per Blob (issue 18's 5 MB send: the sniffing
 * split into head, ZIP tail and text chunks) and the scheduler's `fallbackContact` (its closed notice from the
 * host's facts): 83.0 kB and 100.8 kB. The composer's SVG paperclip and the element clock for fresh reads (issue 15
 * leftovers): 83.2 and 101.0 kB. Small thumbnails for attachment images (issue 18's 5 MB send: the decode, scale and
 * encode live in a lazy chunk with their worker, loaded with the first image; what stays is the call, the placeholder
 * and the "cannot be shown as an image" row): 83.9 kB and 101.6 kB.
 * The byte budgets sit just above those figures, so growth fails CI; lower them when the figures drop.
 */
export const BUDGETS = {
  chat: { bytes: 84_300, waves: 2 },
  all: { bytes: 102_000, waves: 2 },
};

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const cdn = resolve(option('dist', 'dist'), 'cdn');
if (!existsSync(join(cdn, 'support-widgets.js'))) {
  console.error(`${cdn}/support-widgets.js is missing: run \`npm run build\` first.`);
  process.exit(1);
}

// ------------------------------------------------------------------------------------------------ pages
// The page wraps the demo backend so that the first call any element makes is marked (`first-api-call`): with an
// in-memory backend there is no request to see, but the call is where a real backend's request would start.
// `modules-evaluated`: the page's script starts once every module it imports has run; `backend-created` after the
// page made its backend (the demo builds its months of seed history there).
const script = `
  performance.mark('modules-evaluated');
  import { createCachingBackend, provideBackend } from './support-widgets.js';
  import { createDemoBackend } from './demo-backend.js';
  const demo = createDemoBackend({ locale: 'en', agentDelayMs: null, loginDelayMs: null });
  performance.mark('backend-created');
  let marked = false;
  const marking = new Proxy(demo, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...a) => {
        if (!marked) { marked = true; performance.mark('first-api-call'); }
        return value.apply(target, a);
      };
    },
  });
  provideBackend(document.body, createCachingBackend(marking, { scope: { tenantId: 'load', userId: String(Math.random()) } }));
`;
const page = (body, code = script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>load</title><link rel="icon" href="data:,">` +
  `<script type="module">${code}</script></head><body>${body}</body></html>`;

// The same chat page as a host with a server would write it (the throttled run only): its first call is a request.
const httpScript = `
  performance.mark('modules-evaluated');
  import { createCachingBackend, provideBackend } from './support-widgets.js';
  import { createHttpBackend } from './http-backend.js';
  const api = createHttpBackend({ baseUrl: new URL('/api/', location.href), retries: 0 });
  performance.mark('backend-created');
  provideBackend(document.body, createCachingBackend(api, { scope: { tenantId: 'load', userId: String(Math.random()) } }));
`;
const HTTP_CHAT = page('<support-chat-panel style="height: 30rem"></support-chat-panel>', httpScript);

const PAGES = {
  chat: page('<support-chat-panel style="height: 30rem"></support-chat-panel>'),
  all: page(
    '<support-access-indicator></support-access-indicator><support-chat-panel style="height: 30rem"></support-chat-panel>' +
      '<support-contact></support-contact><about-tenant></about-tenant><callback-scheduler></callback-scheduler>' +
      '<support-unlock-dialog modal open></support-unlock-dialog>',
  ),
};

/**
 * In the page: resolves with `performance.now()` at the first frame in which every element on the page shows its
 * content — its own ready state, and no skeleton in it or in any element inside it.
 */
function whenVisible() {
  const deep = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deep(el.shadowRoot, selector));
    return found;
  };
  const ready = {
    'support-chat-panel': (r) => r.querySelector('[part~=message], [part~=empty]'),
    'support-contact': (r) => r.querySelector('[part~=status]'),
    'about-tenant': (r) => r.querySelector('[part~=facts]'),
    'support-access-indicator': (_r, el) => el.activeLogins?.known,
    'callback-scheduler': (r) => deep(r, 'form, [part~=booking]').length,
    'support-unlock-dialog': (r) => deep(r, '[part~=grant-form]').length,
  };
  const visible = () =>
    Object.entries(ready).every(([tag, check]) =>
      [...document.querySelectorAll(tag)].every((el) => el.shadowRoot && check(el.shadowRoot, el) && !deep(el.shadowRoot, '[part~=skeleton]').length),
    );
  return new Promise((done) => {
    const poll = () => (visible() ? done(performance.now()) : requestAnimationFrame(poll));
    poll();
  });
}

// ------------------------------------------------------------------------------------------------ server
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const name = path.slice(1).replace(/\.html$/, '');
  if (PAGES[name] || name === 'chat-http') {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
    res.end(PAGES[name] ?? HTTP_CHAT);
    return;
  }
  if (path.startsWith('/api/')) {
    res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end('{"error":"unavailable"}');
    return;
  }
  const file = normalize(join(cdn, path));
  if (!file.startsWith(cdn) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const body = readFileSync(file);
  // Gzipped on the wire, as a CDN sends it (the throttled run's transfer times depend on it).
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-encoding': 'gzip', 'cache-control': 'no-store' });
  res.end(gzipSync(body, { level: 9 }));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// ------------------------------------------------------------------------------------------------ chain
/** Relative imports of a built file: static (`import … from "./x.js"`, `import "./x.js"`) and dynamic (`import("./x.js")`). */
function importsOf(file) {
  const code = readFileSync(join(cdn, file), 'utf8');
  const found = new Set();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\/[^"']+)["']/g)) found.add(m[1].slice(2));
  return found;
}

/** Each fetched file's wave: 1 for what the page imports, else 1 + the lowest wave of a fetched file importing it. */
function waves(files, entries) {
  const wave = new Map(entries.map((f) => [f, 1]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const file of files) {
      if (!wave.has(file)) continue;
      for (const dep of importsOf(file)) {
        if (!files.includes(dep)) continue;
        const w = wave.get(file) + 1;
        if (!wave.has(dep) || wave.get(dep) > w) {
          wave.set(dep, w);
          changed = true;
        }
      }
    }
  }
  return wave;
}

// ------------------------------------------------------------------------------------------------ measure
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });

async function visit(name, { throttled = false } = {}) {
  const tab = await browser.newPage();
  const cdp = await tab.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1_000_000) / 8,
      uploadThroughput: (750 * 1_000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await tab.goto(`${origin}/${name}.html`, { waitUntil: 'domcontentloaded' });
  // The HTTP page never shows content (its server answers 503): it is read once its first API request is done.
  const visibleAt =
    name === 'chat-http'
      ? (await tab.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/')), { polling: 50 }), null)
      : await tab.evaluate(whenVisible);
  const timing = await tab.evaluate(() => ({
    resources: performance.getEntriesByType('resource').map((e) => ({
      file: new URL(e.name).pathname.slice(1),
      startTime: e.startTime,
      responseEnd: e.responseEnd,
    })),
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  }));
  await tab.close();
  if (name === 'chat-http') {
    const api = timing.resources.filter((r) => r.file.startsWith('api/'));
    timing.marks['first-api-call'] = Math.min(...api.map((r) => r.startTime));
  }
  const fetched = timing.resources.filter((r) => r.file.endsWith('.js') && (visibleAt === null || r.startTime <= visibleAt));
  const files = [...new Set(fetched.map((r) => r.file))];
  const wave = waves(files, ['support-widgets.js', 'demo-backend.js'].filter((f) => files.includes(f)));
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(cdn, f)), { level: 9 }).length, 0);
  const entry = timing.resources.find((r) => r.file === 'support-widgets.js');
  return {
    name,
    visibleAt,
    files,
    bytes,
    waves: Math.max(0, ...wave.values()),
    unreached: files.filter((f) => !wave.has(f)),
    wave,
    entryArrived: entry?.responseEnd ?? null,
    // The waterfall after the entry file arrived (ms): the module graph has run, the page's backend exists, the first call starts.
    after: Object.fromEntries(
      ['modules-evaluated', 'backend-created', 'first-api-call'].map((m) => [m, entry && m in timing.marks ? timing.marks[m] - entry.responseEnd : null]),
    ),
    requests: timing.resources.filter((r) => r.startTime <= (timing.marks['first-api-call'] ?? Infinity)),
  };
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const ms = (n) => `${Math.round(n)} ms`;
const results = [];
try {
  for (const name of Object.keys(PAGES)) results.push(await visit(name));
  var throttled = { chat: [], 'chat-http': [] };
  if (args.includes('--throttled')) {
    // Alternating, so both pages see the same load on the machine.
    for (let i = 0; i < Number(option('runs', 5)); i += 1) {
      throttled.chat.push(await visit('chat', { throttled: true }));
      throttled['chat-http'].push(await visit('chat-http', { throttled: true }));
    }
  }
} finally {
  await browser.close();
  server.close();
}

const LABELS = { chat: 'chat alone', all: 'all six, unlock dialog open' };
console.log(`\nWhat a page loads until its content is visible (${cdn}, English, demo backend; gzip level 9)\n`);
let failed = false;
for (const r of results) {
  const budget = BUDGETS[r.name];
  const over = r.bytes > budget.bytes || r.waves > budget.waves || r.unreached.length > 0;
  failed ||= over;
  console.log(
    `  ${LABELS[r.name].padEnd(30)} ${kB(r.bytes).padStart(8)} in ${String(r.files.length).padStart(2)} files, ${r.waves} wave(s)` +
      `   budget ${kB(budget.bytes)}, ${budget.waves} waves   ${over ? 'EXCEEDED' : 'ok'}`,
  );
  for (const f of r.files) console.log(`      wave ${r.wave.get(f) ?? '?'}  ${f}  ${kB(gzipSync(readFileSync(join(cdn, f)), { level: 9 }).length)}`);
  if (r.unreached.length) console.log(`      not reached from the entry files: ${r.unreached.join(', ')}`);
}
if (throttled.chat.length) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const range = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
  const runs = throttled.chat.length;
  console.log(`\nChat under 150 ms RTT, 1.6 Mbps, CPU 4× (median of ${runs}, range; times after the entry file arrived):`);
  for (const [name, label] of [['chat', 'demo backend'], ['chat-http', 'HTTP backend']]) {
    const rs = throttled[name];
    console.log(`  ${label}: entry file arrived at ${ms(median(rs.map((r) => r.entryArrived)))} after navigation start`);
    for (const [mark, what] of [['modules-evaluated', 'module graph has run'], ['backend-created', 'backend created'], ['first-api-call', 'first backend call starts']]) {
      const xs = rs.map((r) => r.after[mark]);
      console.log(`    ${what.padEnd(28)} +${ms(median(xs)).padStart(7)}  (${range(xs)})`);
    }
    if (name === 'chat') console.log(`    ${'content visible'.padEnd(28)}  ${ms(median(rs.map((r) => r.visibleAt))).padStart(7)}  after navigation start`);
    const last = rs.at(-1);
    console.log(`    requests before the first call (last run): ${last.requests.map((r) => `${r.file} ${ms(r.startTime)}–${ms(r.responseEnd)}`).join(' · ')}`);
  }
}

if (args.includes('--write')) {
  const file = 'docs/performance.md';
  const start = '<!-- page-load:start -->';
  const end = '<!-- page-load:end -->';
  const rows = results.map(
    (r) => `| ${LABELS[r.name]} | ${kB(r.bytes)} | ${r.files.length} | ${r.waves} | ${kB(BUDGETS[r.name].bytes)}, ${BUDGETS[r.name].waves} waves |`,
  );
  const block = `${start}\n| Page | JS (gzipped) | Files | Waves | Budget |\n| --- | ---: | ---: | ---: | ---: |\n${rows.join('\n')}\n\nMeasured on ${new Date().toISOString().slice(0, 10)} with \`npm run build && npm run check:load -- --write\`.\n${end}`;
  let text = readFileSync(file, 'utf8');
  text = text.includes(start)
    ? text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length)
    : `${text.trimEnd()}\n\n## What a page loads\n\n${block}\n`;
  writeFileSync(file, text);
  console.log(`\nWrote the table to ${file}.`);
}

if (failed) {
  console.error('\nOver budget (see above).');
  process.exit(1);
}
console.log('\nWithin budget.');
