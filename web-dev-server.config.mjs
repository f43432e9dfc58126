import { esbuildPlugin } from '@web/dev-server-esbuild';

/** `npm start`: serves the demo with the in-memory backend; no server needed. */
export default {
  rootDir: '.',
  appIndex: 'demo/index.html',
  open: false,
  nodeResolve: true,
  watch: !process.env.CI,
  port: Number(process.env.PORT ?? 8000),
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
};
