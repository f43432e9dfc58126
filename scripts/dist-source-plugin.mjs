// With SW_TEST_DIST=1 the tests run against the shipped build instead of the sources: every request for a module
// under /src/ is answered with its built counterpart under dist/ (minified, HTML and CSS templates minified, lazy
// chunks as users get them). Relative imports inside those files keep resolving under /src/, hence to dist/ too, so
// no module is loaded twice. `npm run test:dist` (after `npm run build`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A built chunk without a source of its own (dist/cdn/caching-backend-<hash>.js) is asked for by its `.js` name, and
 * the esbuild plugin leaves its imports alone; but a test (and the files it imports) asks for `support-widgets.ts`.
 * Its imports of a module that has a source get that source's `.ts` name, so both mean the same module, loaded once.
 */
function sameUrlsAsSources(code, sourcePath) {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*)(["'])(\.\.?\/[^"']+)\.js\2/g, (whole, before, quote, target) =>
    existsSync(join(dirname(sourcePath), `${target}.ts`)) ? `${before}${quote}${target}.ts${quote}` : whole,
  );
}

export function distSourcePlugin() {
  return {
    name: 'dist-source',
    serve(context) {
      // The esbuild plugin rewrites the tests' `.js` imports of sources to `.ts`.
      if (!context.path.startsWith('/src/') || !/\.(js|ts)$/.test(context.path)) return undefined;
      const source = context.path.slice(1);
      const built = `dist/${context.path.slice('/src/'.length).replace(/\.ts$/, '.js')}`;
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
      const code = readFileSync(built, 'utf8');
      const ownSource = existsSync(source.replace(/\.js$/, '.ts'));
      return { body: ownSource ? code : sameUrlsAsSources(code, source), type: 'js' };
    },
  };
}
