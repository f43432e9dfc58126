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
import type { ServerDatabase } from './database.js';
import { hashToken } from './sqlite-store.js';

/** The well-known bearer token of the seeded demo user (Anna Becker, tenant musterimmo). Development only. */
export const DEMO_TOKEN = 'demo-token-anna-becker';

/**
 * Sessions expire (30 days by default); the well-known development token starts a new lifetime at each start of the
 * server, so a persisted demo database keeps working. Its sign-out state (the demo's switch) is kept.
 */
export async function renewDemoSession(db: ServerDatabase, now = new Date()): Promise<void> {
  await db.renewSession(hashToken(DEMO_TOKEN), now.getTime());
}

/** Reference data every tenant shares: the support company's staff, callback topics, contact data, capacity. */
export async function seedReferenceData(db: ServerDatabase, locale: DemoLocale, callbackCapacity = 2): Promise<void> {
  await db.seedReference({
    settings: [
      ['contact', JSON.stringify(SEED_CONTACT)],
      ['callbackCapacity', JSON.stringify(callbackCapacity)],
      ['locale', JSON.stringify(locale)],
    ],
    departments: seedDepartments(locale),
    employees: seedEmployees(locale).map((e) => ({ id: e.id, name: e.name, departmentId: e.department.id })),
    topics: SEED_TOPICS.map((t) => ({ id: t.id, title: JSON.stringify(t.title), description: JSON.stringify(t.description), windowMinutes: t.windowMinutes })),
  });
}

/**
 * The demo tenant with months of history from the shared fixtures (src/backend/fixtures: same seed, same data as the
 * in-memory demo backend), so the demo looks the same on either backend. Skipped when the tenant exists. What is past
 * retention is inserted too and removed by the purge at start, by the same rules as everything else.
 */
export async function seedDemoTenant(db: ServerDatabase, locale: DemoLocale, now = new Date()): Promise<boolean> {
  if (await db.tenantExists(SEED_TENANT.id)) return false;
  await createTenant(db, { id: SEED_TENANT.id, name: SEED_TENANT.name, label: SEED_TENANT.label, token: DEMO_TOKEN, now });
  const capacity = JSON.parse((await db.setting('callbackCapacity')) ?? '2') as number;
  const { history } = demoFixture({ locale, now, callbackCapacity: capacity });
  const t = SEED_TENANT.id;
  await db.fillInTransaction(async (records) => {
    for (const grant of history.grants) await records.insertGrant(t, grant);
    for (const login of history.logins) await records.insertLogin(t, login);
    for (const message of history.chat) await records.insertChatMessage(t, SEED_USER.id, message);
    // Other customers' bookings: every window the demo shows as full is full here too.
    for (const hold of history.holds) await records.insertHold(hold);
  });
  return true;
}
