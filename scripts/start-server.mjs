#!/usr/bin/env node
// `npm run start:server`: the demo against the reference server instead of the in-memory backend.
// Starts the reference server (seeded SQLite file in .cache/, simulated support agent, test-control routes for the
// demo's rights switch) and the dev server, prints the URL to open, and stops both on Ctrl+C.
//   --port N       reference server port (default 8787)
//   --web-port N   dev server port (default 8000)
//   --fresh        start from a new database (deletes .cache/reference-server.db)
//   --session-max-age-days N, --session-idle-days N   session lifetime (passed to the server; defaults 30 and 7)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { buildServer } from './server.mjs';
import { spawnServer } from './reference-server-plugin.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = option('port', '8787');
const webPort = option('web-port', '8000');
const db = '.cache/reference-server.db';
if (args.includes('--fresh')) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

const bundle = await buildServer();
const sessionArgs = ['session-max-age-days', 'session-idle-days'].flatMap((name) =>
  option(name, undefined) === undefined ? [] : [`--${name}`, option(name, undefined)],
);
const { child: api, url } = await spawnServer(bundle, ['--port', port, '--db', db, '--agent', '--test-control', ...sessionArgs]);
const web = spawn('node_modules/.bin/wds', ['--config', 'web-dev-server.config.mjs', '--port', webPort], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, CI: '1' },
});
console.log(`\nreference server: ${url}/api/v1  (data: ${db})`);
console.log(`demo:             http://localhost:${webPort}/demo/?backend=${encodeURIComponent(`${url}/api/v1`)}`);
console.log('Ctrl+C stops both.\n');

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  web.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
api.on('exit', (code) => {
  if (!stopping) console.error(`the reference server stopped (${code})`);
  stop(1);
});
web.on('exit', (code) => {
  if (!stopping) console.error(`the dev server stopped (${code})`);
  stop(1);
});
