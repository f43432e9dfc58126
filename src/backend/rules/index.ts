// The support rules over a storage interface: no DOM, no transport. See rules.ts, store.ts and run.ts.
export * as rules from './rules.js';
export type { Actor } from './rules.js';
export * from './run.js';
export * from './store.js';
export * from './sessions.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions, type MemoryTenantSeed } from './memory-store.js';
