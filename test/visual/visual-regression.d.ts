// The package's index.d.ts re-exports './browser/commands.mjs', whose types TypeScript does not find (they are in
// commands.d.ts): declare the one command the tests use.
declare module '@web/test-runner-visual-regression' {
  export function visualDiff(element: Node, name: string): Promise<void>;
}
