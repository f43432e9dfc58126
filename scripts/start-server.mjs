#!/usr/bin/env node
// `npm run start:server`: the demo against the reference server instead of the in-memory backend.
// Starts the reference server (seeded SQLite file in .cache/ with the demo tenant and its well-known token, simulated
// support agent, test-control routes for the demo's rights switch) and the dev server, prints the URL to open, and
// stops both on Ctrl+C. The API allows the dev server's origin (CORS); the test-control routes send no CORS headers,
// so the dev server forwards the demo page's same-origin `/__test/…` calls to them (a proxy of a few lines: the
// dev server's config takes Koa middleware, and no proxy package is needed for JSON calls).
//   --port N       reference server port (default 8787)
//   --web-port N   dev server port (default 8000)
//   --fresh        start from a new database (deletes .cache/reference-server.db)
//   --session-max-age-days N, --session-idle-days N   session lifetime (passed to the server; defaults 30 and 7)
import { rmSync } from 'node:fs';
import { startDevServer } from '@web/dev-server';
import { buildServer } from './server.mjs';
import { spawnServer } from './reference-server-plugin.mjs';
import devServerConfig from '../web-dev-server.config.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = option('port', '8787');
const webPort = Number(option('web-port', '8000'));
const db = '.cache/reference-server.db';
if (args.includes('--fresh')) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

const pages = [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`];
const bundle = await buildServer();
const sessionArgs = ['session-max-age-days', 'session-idle-days'].flatMap((name) =>
  option(name, undefined) === undefined ? [] : [`--${name}`, option(name, undefined)],
);
const { child: api, url } = await spawnServer(bundle, [
  '--port', port, '--db', db, '--agent', '--test-control', '--demo-tenant', '--cors', pages.join(','), ...sessionArgs,
]);

/** Forwards the demo page's `/__test/…` calls to the reference server, without the browser's Origin. */
async function controlProxy(ctx, next) {
  if (!ctx.path.startsWith('/__test/')) return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const response = await fetch(`${url}${ctx.url}`, {
    method: ctx.method,
    headers: ctx.get('content-type') ? { 'Content-Type': ctx.get('content-type') } : {},
    ...(body.length ? { body } : {}),
  });
  ctx.status = response.status;
  const type = response.headers.get('content-type');
  if (type) ctx.set('Content-Type', type);
  ctx.body = Buffer.from(await response.arrayBuffer());
}

const web = await startDevServer({
  config: { ...devServerConfig, port: webPort, watch: false, middleware: [controlProxy] },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`\nreference server: ${url}/api/v1  (data: ${db})`);
console.log(`demo:             http://localhost:${webPort}/demo/?backend=${encodeURIComponent(`${url}/api/v1`)}`);
console.log('Ctrl+C stops both.\n');

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await web.stop().catch(() => {});
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
api.on('exit', (code) => {
  if (!stopping) console.error(`the reference server stopped (${code})`);
  void stop(1);
});
