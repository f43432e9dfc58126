#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests, load runs and CI: initdb into a temporary directory, start it on a free
// loopback port (its socket in the same directory), create a database, and hand out a DATABASE_URL; stop and delete
// everything afterwards. Own script because the maintained options do not fit here: `pg_virtualenv`/`pg_tmp` need
// Debian's postgresql-common wrapper set-up (and pg_tmp is not packaged for Debian 12), and test containers need Docker.
//
//   node scripts/pg-cluster.mjs -- <command…>   runs the command with DATABASE_URL set, then stops the cluster
//   node scripts/pg-cluster.mjs --check         exits 0 when PostgreSQL's server binaries are installed
//
// As a module: `const cluster = await startCluster(); … cluster.url …; await cluster.stop();`
// Run as root, the cluster runs as the `postgres` user (initdb refuses root); otherwise as the current user.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory of PostgreSQL's server binaries (initdb, pg_ctl, postgres), or null when none is installed. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(join(root, version, 'bin'));
  }
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) candidates.push(onPath.replace(/\/initdb$/, ''));
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts a fresh cluster; resolves with `{ url, port, dir, stop() }`. */
export async function startCluster({ database = 'support_widgets' } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found); `.ci/run` installs Debian\'s postgresql.');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'sw-pg-'));
  const data = join(dir, 'data');

  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (file, args, options = {}) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, file), ...args]] : [join(bin, file), args];
    return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    // A throwaway cluster: durability off, so tests and CI do not wait for the disk.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', database]);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, port, dir, stop: async () => stop() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--check') process.exit(findPostgresBin() ? 0 : 1);
  const command = args[0] === '--' ? args.slice(1) : args;
  if (!command.length) {
    console.error('usage: node scripts/pg-cluster.mjs -- <command…>');
    process.exit(2);
  }
  const cluster = await startCluster();
  console.error(`PostgreSQL cluster on ${cluster.url}`);
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: cluster.url },
  });
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  await cluster.stop();
  process.exit(code);
}
