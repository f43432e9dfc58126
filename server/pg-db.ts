import pg from 'pg';

/**
 * The reference server's schema on PostgreSQL: the same migrations, numbered the same, as server/db.ts has for
 * SQLite (migration i here does what migration i there does), written in PostgreSQL's dialect. The column names and
 * value shapes are the SQLite ones (instants BIGINT epoch ms, flags INTEGER 0/1, snapshots JSON text), so both stores
 * map rows the same way. Differences, each for a reason:
 * - `ord BIGSERIAL` where SQLite orders by its implicit rowid (ties of grants, logins; a tenant's first user);
 * - chat `seq` is per conversation, assigned from `chat_heads` inside the writing transaction (see pg-store.ts), where
 *   SQLite's single writer makes one AUTOINCREMENT enough;
 * - `schema_migrations` records the count where SQLite uses `PRAGMA user_version`.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE departments (id TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL);
  CREATE TABLE employees (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    department_id TEXT NOT NULL REFERENCES departments(id),
    sort INTEGER NOT NULL
  );
  CREATE TABLE topics (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT,
    window_minutes INTEGER NOT NULL CHECK (window_minutes > 0),
    sort INTEGER NOT NULL
  );

  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    info TEXT NOT NULL,
    clock_offset_ms BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE users (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    unlock_support INTEGER NOT NULL DEFAULT 1,
    ord BIGSERIAL,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    signed_out INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
  );

  CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    grantee TEXT NOT NULL,
    data_export INTEGER NOT NULL,
    duration TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    ends_at BIGINT,
    granted_by TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('dialog', 'unlock-link')),
    revoked_at BIGINT,
    revoked_by TEXT,
    ord BIGSERIAL
  );
  CREATE INDEX grants_by_tenant ON grants (tenant_id, granted_at);

  CREATE TABLE logins (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    employee TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    reason TEXT NOT NULL,
    grant_id TEXT NOT NULL,
    ord BIGSERIAL
  );
  CREATE INDEX logins_by_tenant ON logins (tenant_id, started_at);

  -- Only a hash of each token is stored: a copy of the database does not unlock anything.
  CREATE TABLE unlock_links (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    request TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    outcome TEXT CHECK (outcome IN ('accepted', 'declined'))
  );

  -- The newest seq of each conversation. A writer takes the next one with UPDATE … RETURNING inside its transaction
  -- and holds the row lock until it commits, so a conversation's messages commit in seq order: a reader that has seen
  -- seq n never later finds a message below n (catch-up by afterSeq / Last-Event-ID cannot skip one). Purged messages
  -- leave the head where it is: a seq is never reused.
  CREATE TABLE chat_heads (
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    head BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
  );
  CREATE TABLE chat_messages (
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    client_id TEXT,
    author TEXT NOT NULL CHECK (author IN ('customer', 'support')),
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id, seq),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
  );
  -- The idempotency key: one message per clientId and conversation, whatever the number of retries.
  CREATE UNIQUE INDEX chat_idempotency ON chat_messages (tenant_id, user_id, client_id);
  CREATE INDEX chat_by_time ON chat_messages (sent_at);

  -- One callback booking per customer (tenant), enforced by the UNIQUE constraint.
  CREATE TABLE callback_bookings (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL UNIQUE REFERENCES tenants(id) ON DELETE CASCADE,
    topic_id TEXT NOT NULL REFERENCES topics(id),
    window_start BIGINT NOT NULL,
    window_end BIGINT NOT NULL CHECK (window_end > window_start),
    phone TEXT NOT NULL,
    note TEXT NOT NULL,
    booked_at BIGINT NOT NULL,
    booked_by TEXT NOT NULL
  );
  CREATE INDEX bookings_by_window ON callback_bookings (window_start);
  -- Capacity taken by bookings made elsewhere (the phone, other systems).
  CREATE TABLE external_bookings (
    id BIGSERIAL PRIMARY KEY,
    window_start BIGINT NOT NULL,
    window_end BIGINT NOT NULL
  );
  CREATE INDEX external_by_window ON external_bookings (window_start);
  `,
  // Sessions expire: absolute lifetime from created_at, idle timeout from last_used_at (real clock).
  `
  ALTER TABLE sessions ADD COLUMN last_used_at BIGINT;
  UPDATE sessions SET last_used_at = created_at;
  `,
  // The vendor's name in the product's wording (session.tenant.brandName); '' names the right without it.
  `
  ALTER TABLE tenants ADD COLUMN brand_name TEXT NOT NULL DEFAULT '';
  `,
  // Chat attachments, as in SQLite (server/db.ts): refs copied onto the message, rows apart, bytes in their own table.
  `
  ALTER TABLE chat_messages ADD COLUMN attachments TEXT;
  CREATE TABLE chat_attachments (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    client_id TEXT,
    message_id TEXT,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
  );
  CREATE UNIQUE INDEX attachment_idempotency ON chat_attachments (tenant_id, user_id, client_id);
  CREATE INDEX attachments_by_message ON chat_attachments (message_id);
  CREATE INDEX attachments_unsent ON chat_attachments (created_at) WHERE message_id IS NULL;
  CREATE TABLE chat_attachment_files (
    id TEXT PRIMARY KEY REFERENCES chat_attachments(id) ON DELETE CASCADE,
    bytes BYTEA NOT NULL
  );
  `,
];

// BIGINT (epoch ms, counts) as a JavaScript number, as better-sqlite3 answers it: every value here is below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Any key for the advisory lock that serialises migrations of several instances starting at once. */
const MIGRATION_LOCK = 0x5357_0001;

/**
 * Connects a pool to `url` and applies the migrations that have not run yet, each in its own transaction; instances
 * starting together wait for each other on an advisory lock, so each migration runs exactly once.
 */
export async function openPgDatabase(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its connection (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations');
    for (let i = rows[0]!.version; i < PG_MIGRATIONS.length; i += 1) {
      await client.query('BEGIN');
      try {
        await client.query(PG_MIGRATIONS[i]!);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return pool;
}
