export type * from './backend.js';
export * from './errors.js';
export * from './validate.js';
export * from './faults.js';
export * from './cache/caching-backend.js';
export { cacheDatabaseName, MIGRATIONS, DB_VERSION } from './cache/db.js';
export type { OutboxRecord, SupportCacheSchema, CacheDatabase } from './cache/db.js';
export * from './demo/demo-backend.js';
export type { DemoLocale } from './demo/seed.js';
