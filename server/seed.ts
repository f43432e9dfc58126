import { demoFixture } from '../src/backend/fixtures/history.js';
import {
  SEED_CONTACT,
  SEED_TENANT,
  SEED_TOPICS,
  SEED_USER,
  type DemoLocale,
  seedDepartments,
  seedEmployees,
} from '../src/backend/fixtures/seed.js';
import { createTenant } from './control.js';
import type { Db } from './db.js';
import { createSqliteStore, hashToken } from './sqlite-store.js';

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
 * The demo tenant with months of history from the shared fixtures (src/backend/fixtures: same seed, same data as the
 * in-memory demo backend), so the demo looks the same on either backend. Skipped when the tenant exists. What is past
 * retention is inserted too and removed by the purge at start, by the same rules as everything else.
 */
export async function seedDemoTenant(db: Db, locale: DemoLocale, now = new Date()): Promise<boolean> {
  if (db.prepare('SELECT 1 FROM tenants WHERE id = ?').get(SEED_TENANT.id)) return false;
  createTenant(db, { id: SEED_TENANT.id, name: SEED_TENANT.name, label: SEED_TENANT.label, token: DEMO_TOKEN, now });
  const capacity = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'callbackCapacity'").get() as { value: string }).value) as number;
  const { history } = demoFixture({ locale, now, callbackCapacity: capacity });
  const records = createSqliteStore(db);
  const t = SEED_TENANT.id;
  db.transaction(() => {
    for (const grant of history.grants) records.insertGrant(t, grant);
    for (const login of history.logins) records.insertLogin(t, login);
    for (const message of history.chat) records.insertChatMessage(t, SEED_USER.id, message);
    // Other customers' bookings: every window the demo shows as full is full here too.
    for (const hold of history.holds) records.insertHold(hold);
  })();
  return true;
}
