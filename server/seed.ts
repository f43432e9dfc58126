import { createDemoBackend } from '../src/backend/demo/demo-backend.js';
import {
  SEED_CONTACT,
  SEED_TENANT,
  SEED_TOPICS,
  type DemoLocale,
  seedDepartments,
  seedEmployees,
} from '../src/backend/fixtures/seed.js';
import { createTenant } from './control.js';
import type { Db } from './db.js';
import { hashToken } from './store.js';

/** The well-known bearer token of the seeded demo user (Anna Becker, tenant musterimmo). Development only. */
export const DEMO_TOKEN = 'demo-token-anna-becker';

/**
 * Sessions expire (30 days by default); the well-known development token starts a new lifetime at each start of the
 * server, so a persisted demo database keeps working. Its sign-out state (the demo's switch) is kept.
 */
export function renewDemoSession(db: Db, now = new Date()): void {
  db.prepare('UPDATE sessions SET created_at = ?, last_used_at = ? WHERE token_hash = ?').run(now.getTime(), now.getTime(), hashToken(DEMO_TOKEN));
}

/** Reference data every tenant shares: the support company's staff, callback topics, contact data, capacity. */
export function seedReferenceData(db: Db, locale: DemoLocale, callbackCapacity = 2): void {
  const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    setting.run('contact', JSON.stringify(SEED_CONTACT));
    setting.run('callbackCapacity', JSON.stringify(callbackCapacity));
    setting.run('locale', JSON.stringify(locale));
    const dep = db.prepare('INSERT INTO departments (id, name, sort) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name');
    seedDepartments(locale).forEach((d, i) => dep.run(d.id, d.name, i));
    const emp = db.prepare(
      'INSERT INTO employees (id, name, department_id, sort) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, department_id = excluded.department_id',
    );
    seedEmployees(locale).forEach((e, i) => emp.run(e.id, e.name, e.department.id, i));
    const topic = db.prepare(
      `INSERT INTO topics (id, title, description, window_minutes, sort) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, window_minutes = excluded.window_minutes`,
    );
    SEED_TOPICS.forEach((t, i) => topic.run(t.id, JSON.stringify(t.title), JSON.stringify(t.description), t.windowMinutes, i));
  })();
}

/**
 * The demo tenant with months of history, taken from the in-memory demo backend (same seed, same data), so the
 * demo looks the same on either backend. Skipped when the tenant exists.
 */
export async function seedDemoTenant(db: Db, locale: DemoLocale, now = new Date()): Promise<boolean> {
  if (db.prepare('SELECT 1 FROM tenants WHERE id = ?').get(SEED_TENANT.id)) return false;
  createTenant(db, { id: SEED_TENANT.id, name: SEED_TENANT.name, label: SEED_TENANT.label, token: DEMO_TOKEN, now });
  const demo = createDemoBackend({ locale, now: () => now, agentDelayMs: null, loginDelayMs: null });
  const [grants, logins, chat, topics] = await Promise.all([
    demo.listGrants(),
    demo.listLogins(),
    demo.listChatMessages(),
    demo.getCallbackTopics(),
  ]);
  const windows = await Promise.all(topics.map((t) => demo.listCallbackWindows({ topicId: t.id })));
  demo.control.dispose();
  const t = SEED_TENANT.id;
  db.transaction(() => {
    const grant = db.prepare(
      `INSERT INTO grants (id, tenant_id, grantee, data_export, duration, granted_at, ends_at, granted_by, source, revoked_at, revoked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const g of [...grants].reverse()) {
      grant.run(
        g.id,
        t,
        JSON.stringify(g.grantee),
        g.dataExport ? 1 : 0,
        g.duration,
        g.grantedAt.getTime(),
        g.endsAt?.getTime() ?? null,
        JSON.stringify(g.grantedBy),
        g.source,
        g.revokedAt?.getTime() ?? null,
        g.revokedBy ? JSON.stringify(g.revokedBy) : null,
      );
    }
    const login = db.prepare('INSERT INTO logins (id, tenant_id, employee, started_at, ended_at, reason, grant_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const l of [...logins].reverse()) {
      login.run(l.id, t, JSON.stringify(l.employee), l.startedAt.getTime(), l.endedAt?.getTime() ?? null, l.reason, l.grantId);
    }
    const message = db.prepare(
      'INSERT INTO chat_messages (id, tenant_id, user_id, client_id, author, author_name, text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const m of chat) message.run(m.id, t, 'user-abecker', m.clientId, m.author, m.authorName, m.text, m.sentAt.getTime());
    // Other customers' bookings: every window the demo shows as full is full here too.
    const capacity = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'callbackCapacity'").get() as { value: string }).value) as number;
    const hold = db.prepare('INSERT INTO external_bookings (window_start, window_end) VALUES (?, ?)');
    for (const list of windows) {
      for (const w of list) if (!w.available) for (let i = 0; i < capacity; i += 1) hold.run(w.start.getTime(), w.end.getTime());
    }
  })();
  return true;
}
