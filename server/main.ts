/**
 * The reference server: `node scripts/server.mjs [options]` (which bundles this file with esbuild and runs it).
 *
 * Options: USAGE below (`npm run server -- --help`).
 *
 * Prints `listening on http://HOST:PORT` once ready (scripts read the port from it).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { agentReply, seedEmployees, type DemoLocale } from '../src/backend/fixtures/seed.js';
import { openServerDatabase } from './database.js';
import { createApp } from './http.js';
import { LIMIT_NAMES, type LimitName, type Rate, parseRateOption } from './rate-limit.js';
import { API_BASE } from './routes.js';
import { DEMO_TOKEN, renewDemoSession, seedDemoTenant, seedReferenceData } from './seed.js';

const USAGE = `reference server of the support-widgets HTTP contract (docs/openapi.yaml)

  npm run server -- [options]

  --port N           port to listen on (default 8787; 0 = any free port)
  --host H           interface (default 127.0.0.1)
  --db FILE          SQLite file (default .cache/reference-server.db; :memory: for a throwaway database)
                     DATABASE_URL=postgres://… in the environment: PostgreSQL instead (several instances, one database)
  --locale de|en     language of the seeded data (default de)
  --demo-tenant      seed the demo tenant (musterimmo) with its history and the well-known token ${DEMO_TOKEN}
                     (development only: anyone who knows the token can use it)
  --test-control     serve the unauthenticated test-control routes under /__test (conformance runs, the demo's
                     switches); loopback --host only, no CORS, refused to requests with an Origin (browsers)
  --agent            a simulated support agent answers chat messages
  --cors ORIGINS     comma-separated origins whose pages may call the API (or *; default none); never the /__test routes
  --heartbeat-ms N   keep-alive interval of the event stream; each heartbeat re-checks the stream's session (default 15000)
  --stream-max-ms N  longest life of one event stream before the server ends it and the client reconnects (default 1800000)
  --stream-buffer-bytes N  unread bytes one event stream may hold before the server drops it (default 262144)
  --streams-per-session N  open event streams per session; one more closes the session's oldest (default 8)
  --rate-limit NAME=BURST/PER_MINUTE   change one rate limit (repeatable; NAME=off turns it off); names:
                     auth-address (wrong bearer tokens per address, default 60/60), unlock-session (unknown unlock
                     tokens per session, 10/10), unlock-address (30/30), chat-session (chat sends per session, 30/60),
                     chat-address (120/600), upload-session (attachment uploads per session, 25/30), upload-address
                     (100/300), upload-mib-session (uploaded MiB per session, 100/60); uploads never count as chat
                     sends; over a limit the answer is 429 with Retry-After
  --no-rate-limits   every rate limit off, then --rate-limit turns single ones on (tests, load tests)
  --trust-proxy      the client address for the rate limits is the last X-Forwarded-For entry (behind one proxy)
  --session-max-age-days N   sessions end N days after sign-in (default 30)
  --session-idle-days N      sessions end after N days without a request (default 7)
  --quiet            no request log (--verbose overrides it)
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  // The last occurrence wins, so a wrapper's defaults can be overridden by options appended after them.
  const i = args.lastIndexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};

/** A positive number of days (fractions allowed) from a flag, as ms; a wrong value stops the server with a message. */
function days(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!(value > 0)) {
    console.error(`--${name}: expected a positive number of days`);
    process.exit(2);
  }
  return value * 24 * 3600_000;
}

const port = Number(option('port', process.env['PORT'] ?? '8787'));
const host = option('host', '127.0.0.1');
const file = option('db', '.cache/reference-server.db');
const locale = (option('locale', 'de') === 'en' ? 'en' : 'de') as DemoLocale;
const quiet = flag('quiet') && !flag('verbose');
const cors = option('cors', '');
const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
if (flag('test-control') && !loopback) {
  console.error('--test-control serves unauthenticated routes: only with a loopback --host (127.0.0.1, localhost, ::1)');
  process.exit(2);
}

// DATABASE_URL (postgres://…) chooses PostgreSQL, for several instances on one database; else SQLite in `file`.
const databaseUrl = process.env['DATABASE_URL'] || undefined;
if (!databaseUrl && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
const db = await openServerDatabase(databaseUrl ? { url: databaseUrl, file } : { file });
await seedReferenceData(db, locale);
// The demo tenant's bearer token is well known (DEMO_TOKEN): seeded only when asked for.
const seeded = flag('demo-tenant') ? await seedDemoTenant(db, locale) : false;
if (seeded !== false && !loopback) console.warn(`WARNING: the demo tenant's well-known token is served on ${host}; anyone who can reach it can use it`);
if (flag('demo-tenant')) await renewDemoSession(db); // a saved demo database keeps its well-known token working

/** `--rate-limit` options in order, after `--no-rate-limits` if given. */
const rateLimits: Partial<Record<LimitName, Rate | null>> = flag('no-rate-limits') ? Object.fromEntries(LIMIT_NAMES.map((n) => [n, null])) : {};
args.forEach((arg, i) => {
  if (arg !== '--rate-limit') return;
  const [name, rate] = parseRateOption(args[i + 1] ?? '');
  rateLimits[name] = rate;
});

const app = createApp(db, {
  rateLimits,
  trustProxy: flag('trust-proxy'),
  testControl: flag('test-control'),
  corsOrigins: cors === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter(Boolean),
  heartbeatMs: Number(option('heartbeat-ms', '15000')),
  sessions: { maxAgeMs: days('session-max-age-days', 30), idleMs: days('session-idle-days', 7) },
  streamMaxMs: Number(option('stream-max-ms', '1800000')),
  streamBufferBytes: Number(option('stream-buffer-bytes', String(256 * 1024))),
  maxStreamsPerSession: Number(option('streams-per-session', '8')),
  agent: flag('agent')
    ? {
        delayMs: 2500,
        typingMs: 1500,
        reply: (text, name) => agentReply(locale, text, name),
        names: seedEmployees(locale).slice(0, 5).map((e) => e.name),
      }
    : null,
  log: quiet ? () => {} : (line) => console.log(line),
});

const purge = async () => {
  try {
    const counts = await app.store.purge();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0 && !quiet) console.log(`retention purge: ${JSON.stringify(counts)}`);
  } catch (error) {
    console.error(`retention purge failed: ${String(error)}`);
  }
};
await purge();
setInterval(purge, 3600_000).unref();

// app.handle never rejects; clientError answers what Node's parser refuses with the same JSON error body.
await app.ready;
const server = createServer((req, res) => void app.handle(req, res));
server.on('clientError', app.clientError);
server.keepAliveTimeout = 30_000;
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const base = `http://${host}:${actual}`;
  console.log(`listening on ${base}`);
  if (!quiet) {
    console.log(`  API:   ${base}${API_BASE}   database: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : file}`);
    if (flag('demo-tenant')) console.log(`  token: ${DEMO_TOKEN}   (Authorization: Bearer …, user Anna Becker of demo tenant musterimmo)`);
    else console.log('  no demo tenant: add --demo-tenant for tenant musterimmo with history and its well-known token');
    console.log(`  CORS:  ${cors === '' ? 'none (same-origin and non-browser clients only; --cors ORIGINS to allow pages)' : cors}`);
    if (flag('test-control')) console.log('  test-control routes are ON under /__test: never in production');
  }
});

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void app.close();
  server.close(() => {
    void Promise.resolve(db.close()).finally(() => process.exit(0));
  });
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
