/** @custom-elements-manifest/analyzer: `npm run analyze` writes custom-elements.json at the root. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.i18n.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
};
