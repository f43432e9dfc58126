import type pg from 'pg';
import type { SessionUser } from '../src/core/types.js';
import type { AsyncRulesStore, RulesStore } from '../src/backend/rules/store.js';
import { type Db, openDatabase } from './db.js';
import { openPgDatabase } from './pg-db.js';
import { listen } from './notify.js';
import { createPgStore } from './pg-store.js';
import type { SupportEvent } from '../src/backend/backend.js';
import { createSqliteStore } from './sqlite-store.js';
import { type Audience, type Awaitable, type Engine, pgEngine, sqliteEngine } from './store.js';

export type { Awaitable };

/** A new tenant with its one user and one session (test control, the demo seed). */
export interface TenantRow {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly timeZone: string;
  /** The vendor's name in the product's wording (`session.tenant.brandName`). */
  readonly brandName: string;
  readonly info: string;
  readonly createdAt: number;
  readonly user: SessionUser & { readonly unlockSupport: boolean };
  readonly tokenHash: string;
}

/** Reference data every tenant shares (see seed.ts). */
export interface ReferenceRows {
  readonly settings: readonly (readonly [string, string])[];
  readonly departments: readonly { id: string; name: string }[];
  readonly employees: readonly { id: string; name: string; departmentId: string }[];
  readonly topics: readonly { id: string; title: string; description: string; windowMinutes: number }[];
}

/**
 * The server's database, SQLite or PostgreSQL: the rules' engine (store.ts) plus the few statements outside the
 * rules — seeding, the test-control switches, the clock of a tenant for server-side actions, the health check. Every
 * method answers at once on SQLite and by promise on PostgreSQL; callers `await` both.
 */
export interface ServerDatabase {
  readonly kind: 'sqlite' | 'postgres';
  readonly engine: Engine;
  /** A tenant's zone and test clock offset; `undefined` when there is no such tenant. */
  tenantClock(tenantId: string): Awaitable<{ time_zone: string; clock_offset_ms: number } | undefined>;
  /** The id of the tenant's first user. */
  firstUser(tenantId: string): Awaitable<string | undefined>;
  tenantExists(tenantId: string): Awaitable<boolean>;
  insertTenant(row: TenantRow): Awaitable<void>;
  /** Adds a user with a session to an existing tenant (test control: isolation between users of one tenant). */
  insertUser(tenantId: string, user: TenantRow['user'], tokenHash: string, createdAt: number): Awaitable<void>;
  /** Deletes a tenant with everything it owns; `false` when there was none. */
  deleteTenant(tenantId: string): Awaitable<boolean>;
  setSignedOut(tenantId: string, userId: string, signedOut: boolean): Awaitable<void>;
  setUnlockRight(tenantId: string, userId: string, allowed: boolean): Awaitable<void>;
  /** Moves a tenant's clock; its new offset, `undefined` when there is no such tenant. */
  advanceClock(tenantId: string, ms: number): Awaitable<number | undefined>;
  renewSession(tokenHash: string, at: number): Awaitable<void>;
  setting(key: string): Awaitable<string | undefined>;
  seedReference(rows: ReferenceRows): Awaitable<void>;
  /** Runs `fill` over the rules' store in one transaction (the demo history). */
  fillInTransaction(fill: (records: RulesStore | AsyncRulesStore) => Awaitable<void>): Awaitable<void>;
  /**
   * Events from every instance (PostgreSQL LISTEN/NOTIFY, see notify.ts); `gap` when some may have been missed.
   * Absent on SQLite, where the one process publishes its events itself. Resolves with the stop function once listening.
   */
  listen?(deliver: (audience: Audience, event: SupportEvent) => void, gap: () => void, log: (line: string) => void): Promise<() => Promise<void>>;
  /** Throws when the database does not answer (`SELECT 1`). */
  ping(): Awaitable<void>;
  close(): Awaitable<void>;
}

export interface DatabaseOptions {
  readonly callbackCapacity?: number;
}

export function sqliteDatabase(db: Db, options: DatabaseOptions = {}): ServerDatabase {
  const capacity = options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity };
  const q = {
    clock: db.prepare('SELECT time_zone, clock_offset_ms FROM tenants WHERE id = ?'),
    firstUser: db.prepare('SELECT id FROM users WHERE tenant_id = ? ORDER BY rowid LIMIT 1'),
    exists: db.prepare('SELECT 1 FROM tenants WHERE id = ?'),
    insertTenant: db.prepare('INSERT INTO tenants (id, name, label, time_zone, brand_name, info, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertUser: db.prepare('INSERT INTO users (tenant_id, id, name, email, phone, unlock_support) VALUES (?, ?, ?, ?, ?, ?)'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, tenant_id, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)'),
    deleteTenant: db.prepare('DELETE FROM tenants WHERE id = ?'),
    signedOut: db.prepare('UPDATE sessions SET signed_out = ? WHERE tenant_id = ? AND user_id = ?'),
    unlockRight: db.prepare('UPDATE users SET unlock_support = ? WHERE tenant_id = ? AND id = ?'),
    advance: db.prepare('UPDATE tenants SET clock_offset_ms = clock_offset_ms + ? WHERE id = ?'),
    offset: db.prepare('SELECT clock_offset_ms FROM tenants WHERE id = ?'),
    renew: db.prepare('UPDATE sessions SET created_at = ?, last_used_at = ? WHERE token_hash = ?'),
    setting: db.prepare('SELECT value FROM settings WHERE key = ?'),
    ping: db.prepare('SELECT 1'),
  };
  return {
    kind: 'sqlite',
    engine: sqliteEngine(db, capacity),
    tenantClock: (tenantId) => q.clock.get(tenantId) as { time_zone: string; clock_offset_ms: number } | undefined,
    firstUser: (tenantId) => (q.firstUser.get(tenantId) as { id: string } | undefined)?.id,
    tenantExists: (tenantId) => q.exists.get(tenantId) !== undefined,
    insertTenant: (t) =>
      db.transaction(() => {
        q.insertTenant.run(t.id, t.name, t.label, t.timeZone, t.brandName, t.info, t.createdAt);
        q.insertUser.run(t.id, t.user.id, t.user.name, t.user.email, t.user.phone, t.user.unlockSupport ? 1 : 0);
        q.insertSession.run(t.tokenHash, t.id, t.user.id, t.createdAt, t.createdAt);
      })(),
    insertUser: (tenantId, user, tokenHash, createdAt) =>
      db.transaction(() => {
        q.insertUser.run(tenantId, user.id, user.name, user.email, user.phone, user.unlockSupport ? 1 : 0);
        q.insertSession.run(tokenHash, tenantId, user.id, createdAt, createdAt);
      })(),
    deleteTenant: (tenantId) => q.deleteTenant.run(tenantId).changes > 0,
    setSignedOut: (tenantId, userId, signedOut) => void q.signedOut.run(signedOut ? 1 : 0, tenantId, userId),
    setUnlockRight: (tenantId, userId, allowed) => void q.unlockRight.run(allowed ? 1 : 0, tenantId, userId),
    advanceClock(tenantId, ms) {
      q.advance.run(ms, tenantId);
      return (q.offset.get(tenantId) as { clock_offset_ms: number } | undefined)?.clock_offset_ms;
    },
    renewSession: (hash, at) => void q.renew.run(at, at, hash),
    setting: (key) => (q.setting.get(key) as { value: string } | undefined)?.value,
    seedReference(rows) {
      const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      const dep = db.prepare('INSERT INTO departments (id, name, sort) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name');
      const emp = db.prepare(
        'INSERT INTO employees (id, name, department_id, sort) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, department_id = excluded.department_id',
      );
      const topic = db.prepare(
        `INSERT INTO topics (id, title, description, window_minutes, sort) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, window_minutes = excluded.window_minutes`,
      );
      db.transaction(() => {
        for (const [key, value] of rows.settings) setting.run(key, value);
        rows.departments.forEach((d, i) => dep.run(d.id, d.name, i));
        rows.employees.forEach((e, i) => emp.run(e.id, e.name, e.departmentId, i));
        rows.topics.forEach((t, i) => topic.run(t.id, t.title, t.description, t.windowMinutes, i));
      })();
    },
    // BEGIN … COMMIT by hand: `fill` awaits each (synchronous) call, which a better-sqlite3 transaction function cannot span.
    async fillInTransaction(fill) {
      db.exec('BEGIN IMMEDIATE');
      try {
        await fill(createSqliteStore(db, capacity));
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    ping: () => void q.ping.get(),
    close: () => void db.close(),
  };
}

export function pgDatabase(pool: pg.Pool, url: string, options: DatabaseOptions = {}): ServerDatabase {
  const capacity = options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity };
  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<R>(text, values)).rows;
  /** Runs `work` in one transaction on one client. */
  async function transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  return {
    kind: 'postgres',
    engine: pgEngine(pool, capacity),
    tenantClock: async (tenantId) =>
      (await rows<{ time_zone: string; clock_offset_ms: number }>('SELECT time_zone, clock_offset_ms FROM tenants WHERE id = $1', [tenantId]))[0],
    firstUser: async (tenantId) => (await rows<{ id: string }>('SELECT id FROM users WHERE tenant_id = $1 ORDER BY ord LIMIT 1', [tenantId]))[0]?.id,
    tenantExists: async (tenantId) => (await rows('SELECT 1 FROM tenants WHERE id = $1', [tenantId])).length > 0,
    insertTenant: (t) =>
      transaction(async (c) => {
        await c.query('INSERT INTO tenants (id, name, label, time_zone, brand_name, info, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          t.id,
          t.name,
          t.label,
          t.timeZone,
          t.brandName,
          t.info,
          t.createdAt,
        ]);
        await c.query('INSERT INTO users (tenant_id, id, name, email, phone, unlock_support) VALUES ($1, $2, $3, $4, $5, $6)', [
          t.id,
          t.user.id,
          t.user.name,
          t.user.email,
          t.user.phone,
          t.user.unlockSupport ? 1 : 0,
        ]);
        await c.query('INSERT INTO sessions (token_hash, tenant_id, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $4)', [
          t.tokenHash,
          t.id,
          t.user.id,
          t.createdAt,
        ]);
      }),
    insertUser: (tenantId, user, tokenHash, createdAt) =>
      transaction(async (c) => {
        await c.query('INSERT INTO users (tenant_id, id, name, email, phone, unlock_support) VALUES ($1, $2, $3, $4, $5, $6)', [
          tenantId,
          user.id,
          user.name,
          user.email,
          user.phone,
          user.unlockSupport ? 1 : 0,
        ]);
        await c.query('INSERT INTO sessions (token_hash, tenant_id, user_id, created_at, last_used_at) VALUES ($1, $2, $3, $4, $4)', [
          tokenHash,
          tenantId,
          user.id,
          createdAt,
        ]);
      }),
    deleteTenant: async (tenantId) => ((await pool.query('DELETE FROM tenants WHERE id = $1', [tenantId])).rowCount ?? 0) > 0,
    async setSignedOut(tenantId, userId, signedOut) {
      await pool.query('UPDATE sessions SET signed_out = $1 WHERE tenant_id = $2 AND user_id = $3', [signedOut ? 1 : 0, tenantId, userId]);
    },
    async setUnlockRight(tenantId, userId, allowed) {
      await pool.query('UPDATE users SET unlock_support = $1 WHERE tenant_id = $2 AND id = $3', [allowed ? 1 : 0, tenantId, userId]);
    },
    advanceClock: async (tenantId, ms) =>
      (await rows<{ clock_offset_ms: number }>('UPDATE tenants SET clock_offset_ms = clock_offset_ms + $1 WHERE id = $2 RETURNING clock_offset_ms', [ms, tenantId]))[0]
        ?.clock_offset_ms,
    async renewSession(hash, at) {
      await pool.query('UPDATE sessions SET created_at = $1, last_used_at = $1 WHERE token_hash = $2', [at, hash]);
    },
    setting: async (key) => (await rows<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))[0]?.value,
    seedReference: (ref) =>
      transaction(async (c) => {
        for (const [key, value] of ref.settings) {
          await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
        }
        for (const [i, d] of ref.departments.entries()) {
          await c.query('INSERT INTO departments (id, name, sort) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = excluded.name', [d.id, d.name, i]);
        }
        for (const [i, e] of ref.employees.entries()) {
          await c.query(
            'INSERT INTO employees (id, name, department_id, sort) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET name = excluded.name, department_id = excluded.department_id',
            [e.id, e.name, e.departmentId, i],
          );
        }
        for (const [i, t] of ref.topics.entries()) {
          await c.query(
            `INSERT INTO topics (id, title, description, window_minutes, sort) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, window_minutes = excluded.window_minutes`,
            [t.id, t.title, t.description, t.windowMinutes, i],
          );
        }
      }),
    fillInTransaction: (fill) => transaction(async (c) => fill(createPgStore(c, capacity))),
    listen: (deliver, gap, log) => listen(url, pool, deliver, gap, log),
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}

/**
 * Opens the server's database: PostgreSQL when `url` is a postgres:// URL (DATABASE_URL), else the SQLite `file`.
 * Both are migrated on opening.
 */
export async function openServerDatabase(spec: { url?: string; file: string }, options: DatabaseOptions = {}): Promise<ServerDatabase> {
  if (spec.url) {
    if (!/^postgres(ql)?:\/\//.test(spec.url)) throw new Error('DATABASE_URL: expected postgres://… (SQLite is chosen with --db FILE)');
    return pgDatabase(await openPgDatabase(spec.url), spec.url, options);
  }
  return sqliteDatabase(openDatabase(spec.file), options);
}
