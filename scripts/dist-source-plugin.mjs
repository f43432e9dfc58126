// With SW_TEST_DIST=1 the tests run against the shipped build instead of the sources: every request for a module
// under /src/ is answered with its built counterpart under dist/ (minified, HTML and CSS templates minified, lazy
// chunks as users get them). Relative imports inside those files keep resolving under /src/, hence to dist/ too, so
// no module is loaded twice. `npm run test:dist` (after `npm run build`).
import { existsSync, readFileSync } from 'node:fs';

export function distSourcePlugin() {
  return {
    name: 'dist-source',
    serve(context) {
      // The esbuild plugin rewrites the tests' `.js` imports of sources to `.ts`.
      if (!context.path.startsWith('/src/') || !/\.(js|ts)$/.test(context.path)) return undefined;
      const built = `dist/${context.path.slice('/src/'.length).replace(/\.ts$/, '.js')}`;
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
      return { body: readFileSync(built, 'utf8'), type: 'js' };
    },
  };
}
