// A web-test-runner plugin that runs reference servers for browser tests, as child processes on free loopback ports:
//   executeServerCommand('reference-server', { action: 'start', name?, persistent?, args? }) → { url }
//     (`args`: extra server options for this name, e.g. lower rate limits; the first start of a name decides them)
//   executeServerCommand('reference-server', { action: 'restart', name })             → { url } (SIGKILL, same port and file)
//   executeServerCommand('reference-server', { action: 'stop', name })
//   executeServerCommand('reference-server', { action: 'raw', name, request })  → { text, closed }
//     writes `request` byte for byte on a new TCP connection (request targets a browser cannot send) and answers what
//     came back until the server closed the connection or 2 s passed
//   executeServerCommand('reference-server', { action: 'start', name, sameDatabaseAs }) → { url } (a second process on the
//     database file of the persistent server `sameDatabaseAs`: two instances, one database)
// Servers start on first use (test runs that need none pay nothing) and stop with the test runner.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './server.mjs';

/** Starts `node <bundle>` with `args`; resolves with the child and its base URL once it prints `listening on`. */
export function spawnServer(bundle, args, { timeoutMs = 30_000 } = {}) {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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

export function referenceServerPlugin() {
  /** name → { child, url, port, args, dir } */
  const servers = new Map();
  /** name → promise of a server being started */
  const starting = new Map();
  let bundle;
  const build = () => (bundle ??= buildServer());

  async function start(name, persistent, port = 0, dir = undefined, ownsDir = true, extra = []) {
    const file = persistent ? join((dir ??= mkdtempSync(join(tmpdir(), 'sw-ref-'))), 'test.db') : ':memory:';
    const args = ['--port', String(port), '--db', file, '--test-control', '--quiet', '--no-demo-tenant', '--heartbeat-ms', '2000', ...extra];
    const { child, url } = await spawnServer(await build(), args);
    // A server sharing another's database leaves the directory to its owner.
    const entry = { child, url, port: Number(new URL(url).port), persistent, dir: ownsDir ? dir : undefined, dbDir: dir, extra };
    servers.set(name, entry);
    return entry;
  }

  async function stopAll() {
    await Promise.all([...servers.values()].map((s) => stopChild(s.child)));
    for (const s of servers.values()) if (s.dir) rmSync(s.dir, { recursive: true, force: true });
    servers.clear();
  }
  process.once('exit', () => {
    for (const s of servers.values()) s.child.kill('SIGKILL');
  });

  return {
    name: 'reference-server',
    async executeCommand({ command, payload }) {
      if (command !== 'reference-server') return undefined;
      const { action = 'start', name = 'shared', persistent = false, sameDatabaseAs, args = [] } = payload ?? {};
      const current = servers.get(name);
      if (action === 'start') {
        if (current) return { url: current.url };
        if (sameDatabaseAs !== undefined) {
          const owner = servers.get(sameDatabaseAs);
          if (!owner?.persistent) throw new Error(`No persistent reference server "${sameDatabaseAs}" to share a database with`);
          return { url: (await start(name, true, 0, owner.dbDir, false, args)).url };
        }
        // Test files run in parallel: concurrent starts of one name share one server.
        let pending = starting.get(name);
        if (!pending) {
          pending = start(name, persistent, 0, undefined, true, args).finally(() => starting.delete(name));
          starting.set(name, pending);
        }
        return { url: (await pending).url };
      }
      if (action === 'restart') {
        if (!current) throw new Error(`No reference server "${name}" to restart`);
        await stopChild(current.child, 'SIGKILL'); // a crash, not a graceful stop
        const restarted = await start(name, current.persistent, current.port, current.dbDir, current.dir !== undefined, current.extra);
        return { url: restarted.url };
      }
      if (action === 'kill') {
        if (current) await stopChild(current.child, 'SIGKILL');
        return { ok: true };
      }
      if (action === 'revive') {
        if (!current) throw new Error(`No reference server "${name}" to revive`);
        const revived = await start(name, current.persistent, current.port, current.dbDir, current.dir !== undefined, current.extra);
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
      if (action === 'raw') {
        if (!current) throw new Error(`No reference server "${name}"`);
        return raw(current.port, String(payload.request));
      }
      throw new Error(`Unknown reference-server action ${action}`);
    },
    serverStop: stopAll,
  };
}
