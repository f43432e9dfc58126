import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Instants are INTEGER epoch ms;
 * person references and similar snapshots are JSON text (an audit trail keeps the name as it was).
 */
export const MIGRATIONS: readonly string[] = [
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
    clock_offset_ms INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE users (
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    unlock_support INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    signed_out INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
  );

  CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    grantee TEXT NOT NULL,
    data_export INTEGER NOT NULL,
    duration TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    ends_at INTEGER,
    granted_by TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('dialog', 'unlock-link')),
    revoked_at INTEGER,
    revoked_by TEXT
  );
  CREATE INDEX grants_by_tenant ON grants (tenant_id, granted_at);

  CREATE TABLE logins (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    employee TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    reason TEXT NOT NULL,
    grant_id TEXT NOT NULL
  );
  CREATE INDEX logins_by_tenant ON logins (tenant_id, started_at);

  -- Only a hash of each token is stored: a copy of the database does not unlock anything.
  CREATE TABLE unlock_links (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    request TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    outcome TEXT CHECK (outcome IN ('accepted', 'declined'))
  );

  -- seq is the conversation's order and the event stream's id; AUTOINCREMENT never reuses one.
  CREATE TABLE chat_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    client_id TEXT,
    author TEXT NOT NULL CHECK (author IN ('customer', 'support')),
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
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
    window_start INTEGER NOT NULL,
    window_end INTEGER NOT NULL CHECK (window_end > window_start),
    phone TEXT NOT NULL,
    note TEXT NOT NULL,
    booked_at INTEGER NOT NULL,
    booked_by TEXT NOT NULL
  );
  CREATE INDEX bookings_by_window ON callback_bookings (window_start);
  -- Capacity taken by bookings made elsewhere (the phone, other systems).
  CREATE TABLE external_bookings (
    id INTEGER PRIMARY KEY,
    window_start INTEGER NOT NULL,
    window_end INTEGER NOT NULL
  );
  CREATE INDEX external_by_window ON external_bookings (window_start);
  `,
  // Sessions expire: absolute lifetime from created_at, idle timeout from last_used_at (real clock).
  `
  ALTER TABLE sessions ADD COLUMN last_used_at INTEGER;
  UPDATE sessions SET last_used_at = created_at;
  `,
  // The vendor's name in the product's wording (session.tenant.brandName); '' names the right without it.
  `
  ALTER TABLE tenants ADD COLUMN brand_name TEXT NOT NULL DEFAULT '';
  `,
  // Chat attachments. A message keeps copies of its attachments' refs (JSON, like other snapshots here), so listing
  // 20,000 messages joins nothing; the rows name the files and decide idempotency, sending and isolation; the bytes
  // live in their own table, read only by a download and deleted with their row (ON DELETE CASCADE).
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
    created_at INTEGER NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE
  );
  -- One upload per clientId and user, whatever the number of retries (support's files have no clientId).
  CREATE UNIQUE INDEX attachment_idempotency ON chat_attachments (tenant_id, user_id, client_id);
  CREATE INDEX attachments_by_message ON chat_attachments (message_id);
  CREATE INDEX attachments_unsent ON chat_attachments (created_at) WHERE message_id IS NULL;
  CREATE TABLE chat_attachment_files (
    id TEXT PRIMARY KEY REFERENCES chat_attachments(id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
  );
  `,
];

/** Opens (and migrates) the database; `:memory:` for a throwaway one. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  if (file !== ':memory:') {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash of the process loses nothing; a power cut may lose the last transactions.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let i = version; i < MIGRATIONS.length; i += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return db;
}
