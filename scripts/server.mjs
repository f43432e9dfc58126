#!/usr/bin/env node
// `npm run server`: bundles server/main.ts (and the src/core rules it uses) with esbuild into .cache/server/, then runs
// it in this process. Options are server/main.ts's (--port, --db, --test-control, --agent …).
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the server; returns the path of the runnable module. */
export async function buildServer() {
  const outfile = join(root, '.cache/server/main.mjs');
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    tsconfig: join(root, 'server/tsconfig.json'),
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.chdir(root);
  const outfile = await buildServer();
  await import(pathToFileURL(outfile).href);
}
