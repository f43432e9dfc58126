import pg from 'pg';
import type { SupportEvent } from '../src/backend/backend.js';
import type { Emitted } from '../src/backend/rules/run.js';
import { toGrant, toLogin, toMessage, type ChatRow, type GrantRow, type LoginRow } from './sqlite-store.js';
import type { Audience } from './store.js';

/**
 * Live events across instances on PostgreSQL: a writing rule's events become `pg_notify('support', …)` inside its
 * transaction (store.ts), which PostgreSQL delivers at COMMIT to every connection that LISTENs — every instance,
 * the writing one included. The notification names what changed, keyed by tenant (and user for chat), not the data:
 * the listening instance reads the record from the database (`resolve`), so what reaches a stream is what is stored.
 * The one exception is typing, which has no row (it is ephemeral and never replayed): its two fields travel in the
 * notification itself.
 */
export const NOTIFY_CHANNEL = 'support';

type Note =
  | { t: string; u: string; k: 'chat-message'; seq: number }
  | { t: string; u?: string; k: 'grant-changed' | 'login-started' | 'login-ended'; id: string }
  | { t: string; u?: string; k: 'chat-typing'; typing: boolean; name: string | null };

/** The notification payload of an event (a few dozen bytes; PostgreSQL allows 8000). */
export function notification({ audience, event }: Emitted): string {
  const base = { t: audience.tenantId, ...(audience.userId === undefined ? {} : { u: audience.userId }) };
  switch (event.type) {
    case 'chat-message':
      return JSON.stringify({ ...base, k: event.type, seq: event.message.seq });
    case 'grant-changed':
      return JSON.stringify({ ...base, k: event.type, id: event.grant.id });
    case 'login-started':
    case 'login-ended':
      return JSON.stringify({ ...base, k: event.type, id: event.login.id });
    case 'chat-typing':
      return JSON.stringify({ ...base, k: event.type, typing: event.typing, name: event.name });
    default:
      throw new Error(`No notification for ${event.type}`);
  }
}

/** Reads what a notification names; `null` when it is gone (purged, tenant deleted). */
async function resolve(pool: pg.Pool, note: Note): Promise<{ audience: Audience; event: SupportEvent } | null> {
  const audience: Audience = { tenantId: note.t, ...(note.u === undefined ? {} : { userId: note.u }) };
  const row = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) => (await pool.query<R>(text, values)).rows[0];
  switch (note.k) {
    case 'chat-message': {
      const r = await row<ChatRow>('SELECT * FROM chat_messages WHERE tenant_id = $1 AND user_id = $2 AND seq = $3', [note.t, note.u, note.seq]);
      return r ? { audience, event: { type: 'chat-message', message: toMessage(r) } } : null;
    }
    case 'grant-changed': {
      const r = await row<GrantRow>('SELECT * FROM grants WHERE tenant_id = $1 AND id = $2', [note.t, note.id]);
      return r ? { audience, event: { type: 'grant-changed', grant: toGrant(r) } } : null;
    }
    case 'login-started':
    case 'login-ended': {
      const r = await row<LoginRow>('SELECT * FROM logins WHERE tenant_id = $1 AND id = $2', [note.t, note.id]);
      return r ? { audience, event: { type: note.k, login: toLogin(r) } } : null;
    }
    case 'chat-typing':
      return { audience, event: { type: 'chat-typing', typing: note.typing, name: note.name } };
  }
}

/**
 * LISTENs on a dedicated connection and hands each event, read back from the database, to `deliver`, one at a time
 * in the order of the notifications (commit order). When the connection drops, events may have been missed: `gap`
 * runs (the server closes its streams; clients reconnect and catch up by Last-Event-ID and list calls) and the
 * listener connects again. Returns the stop function.
 */
export async function listen(
  url: string,
  pool: pg.Pool,
  deliver: (audience: Audience, event: SupportEvent) => void,
  gap: () => void,
  log: (line: string) => void = () => {},
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let chain: Promise<void> = Promise.resolve();
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      const note = JSON.parse(message.payload) as Note;
      chain = chain
        .then(async () => {
          const found = await resolve(pool, note);
          if (found) deliver(found.audience, found.event);
        })
        .catch((error: unknown) => log(`events: ${String(error)}`));
    });
    c.on('error', () => {});
    c.on('end', () => {
      if (stopped) return;
      gap();
      setTimeout(() => void reconnect(), 500).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
    client = c;
  };
  const reconnect = async (): Promise<void> => {
    if (stopped) return;
    try {
      await connect();
    } catch (error) {
      log(`events: reconnecting (${String(error)})`);
      setTimeout(() => void reconnect(), 1000).unref();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
