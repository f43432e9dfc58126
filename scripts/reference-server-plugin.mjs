// A web-test-runner plugin that runs reference servers for browser tests, as child processes on free loopback ports:
//   executeServerCommand('reference-server', { action: 'start', name?, persistent?, args?, engine? }) → { url }
//     (`args`: extra server options for this name, e.g. lower rate limits; the first start of a name decides them;
//     `engine: 'postgres'`: the server runs on a fresh database of a throwaway PostgreSQL cluster, started once per
//     test run by scripts/pg-cluster.mjs — no PostgreSQL installed fails the test, it does not skip it)
//   executeServerCommand('reference-server', { action: 'restart', name })             → { url } (SIGKILL, same port and file)
//   executeServerCommand('reference-server', { action: 'stop', name })
//   executeServerCommand('reference-server', { action: 'control', url, method?, body? }) → { status, contentType, body }
//     a call of a test-control route (`<server url>/__test/…`) made from Node: those routes send no CORS headers, so a
//     test page cannot call them itself (test/server/control-fetch.ts wraps this as a fetch)
//   executeServerCommand('reference-server', { action: 'log', name })            → { text } (its recent stdout)
//   executeServerCommand('reference-server', { action: 'raw', name, request })  → { text, closed }
//     writes `request` byte for byte on a new TCP connection (request targets a browser cannot send) and answers what
//     came back until the server closed the connection or 2 s passed
//   executeServerCommand('reference-server', { action: 'start', name, sameDatabaseAs }) → { url } (a second process on the
//     database file of the persistent server `sameDatabaseAs`: two instances, one database)
//   executeServerCommand('reference-server', { action: 'stall', name, token })  → { id }
//     opens GET /api/v1/events with `token` on a raw socket and stops reading once the ready frame arrived
//   executeServerCommand('reference-server', { action: 'unstall', id })         → { bytes, closedByServer }
//     reads again for up to 2 s: how many bytes were still waiting and whether the server had dropped the stream
//   executeServerCommand('reference-server', { action: 'database', name, connections: 'refuse' | 'allow' }) → { ok }
//     PostgreSQL servers only: 'refuse' makes the server's database refuse new connections and ends the open ones
//     (as when the database goes away; the shared cluster keeps serving the other tests), 'allow' lets them in again
// Servers start on first use (test runs that need none pay nothing) and stop with the test runner.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer } from './server.mjs';
import { startCluster } from './pg-cluster.mjs';

/** Starts `node <bundle>` with `args`; resolves with the child and its base URL once it prints `listening on`. */
export function spawnServer(bundle, args, { timeoutMs = 30_000, env = process.env } = {}) {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The reference server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve({ child, url: match[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The reference server exited with ${code}:\n${out}`));
    });
  });
}

const stopChild = (child, signal = 'SIGTERM') =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Sends `request` as is on a new loopback connection; resolves with what came back and whether the server closed. */
function raw(port, request, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const finish = (closed) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(request);
  });
}

/** Readers that stopped reading, by id. */
const stalled = new Map();
let stalledIds = 0;

/** Opens the event stream on a raw socket and stops reading after the ready frame (a client that hangs). */
export function stall(port, token, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    const entry = { socket, bytes: 0, closedByServer: false };
    let head = '';
    const onData = (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('event: ready')) return;
      socket.off('data', onData);
      socket.pause();
      const id = String((stalledIds += 1));
      stalled.set(id, entry);
      resolve({ id });
    };
    socket.on('data', onData);
    socket.on('error', () => (entry.closedByServer = true));
    socket.on('end', () => (entry.closedByServer = true));
    socket.once('error', reject);
    socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
  });
}

/** Reads a stalled stream again: the bytes that were still waiting, and whether the server had dropped it. */
export function unstall(id, timeoutMs = 2000) {
  const entry = stalled.get(id);
  if (!entry) throw new Error(`No stalled reader ${id}`);
  stalled.delete(id);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      entry.socket.destroy();
      resolve({ bytes: entry.bytes, closedByServer: entry.closedByServer });
    };
    const timer = setTimeout(finish, timeoutMs);
    entry.socket.on('data', (chunk) => (entry.bytes += chunk.length));
    entry.socket.on('end', () => ((entry.closedByServer = true), finish()));
    entry.socket.on('close', () => ((entry.closedByServer = true), finish()));
    entry.socket.resume();
  });
}

export function referenceServerPlugin() {
  /** name → { child, url, port, args, dir } */
  const servers = new Map();
  /** name → promise of a server being started */
  const starting = new Map();
  let bundle;
  const build = () => (bundle ??= buildServer());
  /** The origins the test pages are served from (known once the dev server starts). */
  let pageOrigins = [];
  /** The PostgreSQL cluster of this test run, started on the first `engine: 'postgres'` server. */
  let cluster;
  let databases = 0;
  /** A new empty database on the cluster; its URL. */
  async function freshDatabase() {
    const { url } = await (cluster ??= startCluster());
    const name = `sw_test_${(databases += 1)}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return url.replace(/\/[^/]+$/, `/${name}`);
  }

  async function start(name, persistent, port = 0, dir = undefined, ownsDir = true, extra = [], databaseUrl = undefined) {
    const file = persistent ? join((dir ??= mkdtempSync(join(tmpdir(), 'sw-ref-'))), 'test.db') : ':memory:';
    const args = ['--port', String(port), '--db', file, '--test-control', '--quiet', '--heartbeat-ms', '2000',
      // The API answers CORS for the test pages' origin only.
      ...(pageOrigins.length ? ['--cors', pageOrigins.join(',')] : []),
      // Test suites send many requests on purpose; the rate-limit tests turn single limits back on through `args`.
      '--no-rate-limits', ...extra];
    const env = databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl } : { ...process.env, DATABASE_URL: '' };
    const { child, url } = await spawnServer(await build(), args, { env });
    // A server sharing another's database leaves the directory to its owner.
    const entry = { child, url, port: Number(new URL(url).port), persistent, dir: ownsDir ? dir : undefined, dbDir: dir, extra, databaseUrl, log: '' };
    // The last 64 kB of what it printed (with `--verbose` in `args`: the request log), for the `log` action.
    child.stdout.on('data', (chunk) => (entry.log = (entry.log + chunk).slice(-65_536)));
    servers.set(name, entry);
    return entry;
  }

  async function stopAll() {
    await Promise.all([...servers.values()].map((s) => stopChild(s.child)));
    for (const s of servers.values()) if (s.dir) rmSync(s.dir, { recursive: true, force: true });
    servers.clear();
    if (cluster) await (await cluster.catch(() => null))?.stop();
    cluster = undefined;
  }
  process.once('exit', () => {
    for (const s of servers.values()) s.child.kill('SIGKILL');
  });

  return {
    name: 'reference-server',
    serverStart({ config }) {
      const port = config.port;
      pageOrigins = [...new Set([config.hostname ?? 'localhost', 'localhost', '127.0.0.1'])].map((host) => `http://${host}:${port}`);
    },
    async executeCommand({ command, payload }) {
      if (command !== 'reference-server') return undefined;
      const { action = 'start', name = 'shared', persistent = false, args = [], engine = 'sqlite' } = payload ?? {};
      // `shareWith` and `sameDatabaseAs` are one option under two names (two test suites grew it at once).
      const sameDatabaseAs = payload?.sameDatabaseAs ?? payload?.shareWith;
      const current = servers.get(name);
      if (action === 'start') {
        if (current) return { url: current.url };
        if (sameDatabaseAs !== undefined) {
          const owner = servers.get(sameDatabaseAs);
          if (!owner?.persistent && !owner?.databaseUrl) throw new Error(`No persistent reference server "${sameDatabaseAs}" to share a database with`);
          return { url: (await start(name, true, 0, owner.dbDir, false, args, owner.databaseUrl)).url };
        }
        // Test files run in parallel: concurrent starts of one name share one server.
        let pending = starting.get(name);
        if (!pending) {
          pending = (async () => start(name, persistent, 0, undefined, true, args, engine === 'postgres' ? await freshDatabase() : undefined))().finally(() =>
            starting.delete(name),
          );
          starting.set(name, pending);
        }
        return { url: (await pending).url };
      }
      if (action === 'restart') {
        if (!current) throw new Error(`No reference server "${name}" to restart`);
        await stopChild(current.child, 'SIGKILL'); // a crash, not a graceful stop
        const restarted = await start(name, current.persistent, current.port, current.dbDir, current.dir !== undefined, current.extra, current.databaseUrl);
        return { url: restarted.url };
      }
      if (action === 'kill') {
        if (current) await stopChild(current.child, 'SIGKILL');
        return { ok: true };
      }
      if (action === 'revive') {
        if (!current) throw new Error(`No reference server "${name}" to revive`);
        const revived = await start(name, current.persistent, current.port, current.dbDir, current.dir !== undefined, current.extra, current.databaseUrl);
        return { url: revived.url };
      }
      if (action === 'stop') {
        if (current) {
          await stopChild(current.child);
          if (current.dir) rmSync(current.dir, { recursive: true, force: true });
          servers.delete(name);
        }
        return { ok: true };
      }
      if (action === 'stall') {
        if (!current) throw new Error(`No reference server "${name}"`);
        return stall(current.port, String(payload.token));
      }
      if (action === 'unstall') return unstall(String(payload.id));
      if (action === 'database') {
        if (!current?.databaseUrl || !cluster) throw new Error(`No reference server "${name}" on PostgreSQL`);
        const database = new URL(current.databaseUrl).pathname.slice(1);
        const client = new pg.Client({ connectionString: (await cluster).url });
        await client.connect();
        try {
          const refuse = payload.connections === 'refuse';
          await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} ALLOW_CONNECTIONS ${refuse ? 'false' : 'true'}`);
          if (refuse) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
        } finally {
          await client.end();
        }
        return { ok: true };
      }
      if (action === 'control') {
        const target = String(payload.url);
        const owner = [...servers.values()].find((s) => target.startsWith(`${s.url}/__test/`));
        if (!owner) throw new Error(`${target} is not a test-control route of a reference server this plugin started`);
        const response = await fetch(target, {
          method: payload.method ?? 'GET',
          ...(payload.body === undefined || payload.body === null ? {} : { headers: { 'Content-Type': 'application/json' }, body: payload.body }),
        });
        return { status: response.status, contentType: response.headers.get('Content-Type'), body: await response.text() };
      }
      if (action === 'log') return { text: current?.log ?? '' };
      if (action === 'raw') {
        if (!current) throw new Error(`No reference server "${name}"`);
        return raw(current.port, String(payload.request));
      }
      throw new Error(`Unknown reference-server action ${action}`);
    },
    serverStop: stopAll,
  };
}
