// A @web/dev-server plugin for the React tests: React 19 ships CommonJS only, which a browser cannot import. This
// bundles react, react-dom and react-dom/client once with esbuild into one ES module (one shared React instance, the
// development build: `act` exists only there) and serves a small module per specifier re-exporting its named exports.
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';

const SPECIFIERS = ['react', 'react-dom', 'react-dom/client'];
const PREFIX = '/__react-esm__/';
const identifier = /^[A-Za-z_$][\w$]*$/;

export function reactEsm() {
  let bundle = null;
  const build = async () => {
    const contents = [
      ...SPECIFIERS.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`),
      `export const modules = { ${SPECIFIERS.map((s, i) => `${JSON.stringify(s)}: m${i}`).join(', ')} };`,
    ].join('\n');
    const result = await esbuild.build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"development"' },
    });
    return result.outputFiles[0].text;
  };
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return `${PREFIX}${source}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      if (context.path === `${PREFIX}bundle.js`) {
        bundle ??= build();
        return { body: await bundle, type: 'js' };
      }
      const specifier = context.path.slice(PREFIX.length, -'.js'.length);
      if (!SPECIFIERS.includes(specifier)) return undefined;
      // Read the export names in a child process: React's development build writes to the console when it loads,
      // which the test runner's own console proxy does not survive.
      const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
      const keys = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
      const names = keys.filter((name) => identifier.test(name) && name !== 'default');
      return {
        body: [
          `import { modules } from '${PREFIX}bundle.js';`,
          `const m = modules[${JSON.stringify(specifier)}];`,
          `export default m.default ?? m;`,
          `export const { ${names.join(', ')} } = m;`,
        ].join('\n'),
        type: 'js',
      };
    },
  };
}
