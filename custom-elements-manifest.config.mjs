/** @custom-elements-manifest/analyzer: `npm run analyze` writes custom-elements.json at the root. */
export default {
  globs: ['src/**/*.ts'],
  // src/react is generated from the manifest (scripts/generate.mjs); src/cdn only re-exports.
  exclude: ['src/**/*.test.ts', 'src/**/*.i18n.ts', 'src/**/*.styles.ts', 'src/react/**', 'src/cdn/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
};
