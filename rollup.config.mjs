// `npm run build`: ESM in dist/, one file per source module (lit and the other dependencies external; types from tsc),
// plus dist/cdn/: support-widgets.js, self-contained for a plain <script type="module">, and beside it demo-backend.js,
// http-backend.js, core.js, chat.js and testing.js, which import what they share from support-widgets.js.
// Prints each output's sizes; `npm run check:load` checks what a page loads.
import { readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const elements = readdirSync('src/elements').filter((name) => existsSync(`src/elements/${name}/define.ts`));

/** Library entry points: everything a user may import. */
const input = {
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'backend/index': 'src/backend/index.ts',
  'define/all': 'src/define/all.ts',
  'react/index': 'src/react/index.ts',
  ...Object.fromEntries(elements.map((tag) => [`elements/${tag}/define`, `src/elements/${tag}/define.ts`])),
  ...Object.fromEntries(elements.map((tag) => [`elements/${tag}/${tag}`, `src/elements/${tag}/${tag}.ts`])),
  ...Object.fromEntries(elements.filter((tag) => existsSync(`src/react/${tag}.ts`)).map((tag) => [`react/${tag}`, `src/react/${tag}.ts`])),
  ...(existsSync('src/testing/index.ts') ? { 'testing/index': 'src/testing/index.ts' } : {}),
};


/** Reports minified and gzipped sizes of every chunk a build writes. */
function sizes(label) {
  const rows = [];
  return {
    name: 'sizes',
    generateBundle(_options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const min = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        rows.push({ file, min, gz });
      }
    },
    writeBundle() {
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
      console.log(`\n${label}`);
      for (const { file, min, gz } of rows.sort((a, b) => a.file.localeCompare(b.file))) {
        console.log(`  ${file.padEnd(52)} min ${kb(min)}   gzip ${kb(gz)}`);
      }
      rows.length = 0;
    },
  };
}

/**
 * Fails the build when `file` imports anything statically: the CDN bundle must stay one self-contained file (code it
 * loads on demand with import() may sit beside it).
 */
function oneFile(file) {
  return {
    name: 'one-file',
    generateBundle(_options, bundle) {
      const chunk = bundle[file];
      if (!chunk || chunk.imports.length) this.error(`${file} must be self-contained but imports ${chunk?.imports.join(', ')}`);
    },
  };
}

/**
 * The CDN's chunks, so that no page waits for more than two waves of code (issue 13: the entry files, then what they
 * import): every module reachable from `entry` goes into the chunk `name`; so does every other module the elements
 * load on demand outside an element folder (small shared helpers such as phone formatting: as chunks of their own
 * they would be a third wave behind the code that imports them); what an element loads on demand (a popup's contents)
 * becomes one chunk per element, `<tag>-contents.js`, which imports only `name`. German strings (`*.de.ts`) stay
 * chunks of their own. What only the other entries use (the demo backend, the rules and fixtures it shares with the
 * testing entry, the chat engine file) is left to rollup: it must not weigh on a page that loads only `name`.
 */
function cdnChunks(entry, name) {
  let reachable = null;
  let onDemand = null;
  return (id, { getModuleIds, getModuleInfo }) => {
    const path = id.replaceAll('\\', '/');
    if (!reachable) {
      const start = [...getModuleIds()].find((m) => m.replaceAll('\\', '/').endsWith(entry));
      const closure = (withDynamic) => {
        const seen = new Set();
        const visit = (m) => {
          if (seen.has(m)) return;
          seen.add(m);
          const info = getModuleInfo(m);
          info?.importedIds.forEach(visit);
          if (withDynamic) info?.dynamicallyImportedIds.forEach(visit);
        };
        visit(start);
        return seen;
      };
      reachable = closure(false);
      onDemand = closure(true);
    }
    if (reachable.has(id)) return name;
    if (!onDemand.has(id)) return undefined;
    if (/\.de\.ts$/.test(path)) return undefined;
    const element = path.match(/\/src\/elements\/([^/]+)\//);
    if (element) return `${element[1]}-contents`;
    return name;
  };
}

/**
 * Whitespace and comments out of the html`` and css`` templates of the shipped code. Conservative: a run of
 * whitespace becomes one space, never none (a space between two inline elements is text the user sees), and no
 * attribute is dropped or rewritten (an empty `alt=""` means something). `npm run test:dist` runs the element tests
 * against this output.
 */
const minifyTemplates = {
  failOnError: true,
  options: { minifyOptions: { conservativeCollapse: true, removeEmptyAttributes: false, decodeEntities: false } },
};

const esbuildOptions = { target: 'es2022', tsconfig: './tsconfig.json', minify: false };

export default [
  {
    input,
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [esbuild(esbuildOptions), minifyHTML(minifyTemplates), sizes('dist/ (ESM, dependencies external; sizes minified by terser)'), terser({ module: true, ecma: 2022 })],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      // One file per source module, beside its .d.ts: an app's bundler then drops whole modules it does not use
      // (shared chunks would tie, say, the IndexedDB cache and idb to the response validator every element needs).
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: '[name].js',
    },
    preserveEntrySignatures: 'strict',
  },
  {
    // Two entries, one build: demo-backend.ts imports support-widgets.ts, so every module they share lands in
    // support-widgets.js (self-contained) and demo-backend.js holds only the demo and imports the rest from it — one
    // copy of SupportError on the page, so `instanceof` works across both files.
    // http-backend.ts (createHttpBackend for pages without a bundler), core.ts (the time rules), chat.ts (the chat engine) and testing.ts (the
    // conformance suite) are built the same way.
    input: {
      'support-widgets': 'src/cdn/support-widgets.ts',
      'demo-backend': 'src/cdn/demo-backend.ts',
      'http-backend': 'src/cdn/http-backend.ts',
      core: 'src/cdn/core.ts',
      chat: 'src/cdn/chat.ts',
      testing: 'src/cdn/testing.ts',
    },
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      esbuild(esbuildOptions),
      minifyHTML(minifyTemplates),
      terser({ module: true, ecma: 2022, format: { comments: false } }),
      sizes('dist/cdn/ (support-widgets.js self-contained: lit, idb, date-fns included)'),
      oneFile('support-widgets.js'),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      // Left alone, rollup would move the modules both entries use into a third chunk that both import. Everything the
      // main entry reaches goes into it instead; only what the demo alone reaches stays in demo-backend.js. See cdnChunks.
      manualChunks: cdnChunks('src/cdn/support-widgets.ts', 'support-widgets'),
    },
  },
];
