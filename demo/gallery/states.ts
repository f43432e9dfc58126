/**
 * The states of the gallery (demo/gallery.html): how each state is produced. Every state is built from a real backend —
 * the demo backend with its options and seeded fixtures, the fault wrapper (`withFaults`) and the IndexedDB cache
 * (`createCachingBackend`) — with its own fixed clock. No markup of a state is written anywhere: each element renders
 * what its backend gives it, exactly as on a host page.
 */
import {
  createCachingBackend,
  createDemoBackend,
  withDeadlines,
  withFaults,
  type DemoBackend,
  type DemoBackendOptions,
  type FaultSettings,
  type SupportBackend,
} from '../../src/index.js';
import { createRandom } from '../../src/backend/fixtures/random.js';
import { trackCalls, type CallTracker } from './activity.js';

export type GalleryLang = 'en' | 'de';
type Text = Record<GalleryLang, string>;

/** The six elements, in the order the gallery shows them. */
export const ELEMENT_TAGS = [
  'about-tenant',
  'support-contact',
  'callback-scheduler',
  'support-chat-panel',
  'support-access-indicator',
  'support-unlock-dialog',
] as const;
export type ElementTag = (typeof ELEMENT_TAGS)[number];

/** Times of day the clock control offers (the tenant is in Europe/Berlin, UTC+1 in November). */
export const CLOCKS: readonly { id: string; iso: string; label: Text }[] = [
  { id: 'open', iso: '2026-11-24T09:05:00Z', label: { en: 'Tue 24 Nov, 10:05 — open, day hotline', de: 'Di 24. Nov., 10:05 — geöffnet, Tages-Hotline' } },
  { id: 'evening', iso: '2026-11-24T18:30:00Z', label: { en: 'Tue 24 Nov, 19:30 — closed, day hotline', de: 'Di 24. Nov., 19:30 — geschlossen, Tages-Hotline' } },
  { id: 'night', iso: '2026-11-24T22:15:00Z', label: { en: 'Tue 24 Nov, 23:15 — closed, night hotline', de: 'Di 24. Nov., 23:15 — geschlossen, Nacht-Hotline' } },
  { id: 'weekend', iso: '2026-11-28T10:00:00Z', label: { en: 'Sat 28 Nov, 11:00 — weekend', de: 'Sa 28. Nov., 11:00 — Wochenende' } },
  { id: 'holiday', iso: '2026-12-24T09:00:00Z', label: { en: 'Thu 24 Dec, 10:00 — public holiday', de: 'Do 24. Dez., 10:00 — Feiertag' } },
];
export const DEFAULT_CLOCK = CLOCKS[0]!;
/** "After hours" always shows the night, whatever the clock control says. */
const AFTER_HOURS = CLOCKS.find((c) => c.id === 'night')!;

/** The seed of every pseudo-random choice (fixtures, fault dice): the same gallery on every load. */
export const GALLERY_SEED = 20261124;
/** Far beyond any screenshot or visit: a call that is still "loading" (below the timer limit of 2^31 − 1 ms). */
const FOREVER_MS = 2_000_000_000;

/** One element in one state: its tag, its own backend and clock, and (unlock dialog) an unlock token. */
export interface Specimen {
  readonly tag: ElementTag;
  readonly backend: SupportBackend;
  readonly now: () => Date;
  readonly unlockToken?: string;
  /** A caption below the tag name (link states). */
  readonly caption?: Text;
}

export interface BuiltState {
  readonly specimens: readonly Specimen[];
  /** What runs on the state's backends: the state has settled when its elements are done and nothing runs. */
  readonly activity: readonly CallTracker[];
  /**
   * Stale and offline states: after the specimens first rendered online (and so filled the cache), this turns the
   * faults on; the gallery then renders fresh elements over the filled cache.
   */
  readonly afterPrime?: () => void;
  /** Stops the demo backends' timers and deletes the state's cache databases. */
  dispose(): Promise<void>;
}

export interface StateContext {
  readonly lang: GalleryLang;
  /** The time the clock control chose. */
  readonly at: Date;
  /** Prefix of the states' cache databases (tests running side by side in one browser profile use their own). */
  readonly cachePrefix: string;
}

export interface GalleryState {
  readonly id: string;
  readonly title: Text;
  /** How the state is produced, in a designer's words. */
  readonly how: Text;
  /**
   * The elements this state is about (default: all). The gallery shows every element in every state; the screenshot
   * tests compare only these, so that the committed baselines stay small.
   */
  readonly focus?: readonly ElementTag[];
  build(context: StateContext): Promise<BuiltState>;
}

/** A fixed clock; `set` moves it (only while a state is being built, e.g. to let an unlock link expire). */
function fixedClock(at: Date): { now: () => Date; set(at: Date): void } {
  let time = at.getTime();
  return { now: () => new Date(time), set: (next) => (time = next.getTime()) };
}

interface Recipe {
  readonly demo?: DemoBackendOptions;
  /** Faults from the start (no cache priming). */
  readonly faults?: Partial<FaultSettings>;
  /** Faults turned on after the cache was filled online. */
  readonly faultsAfterPrime?: Partial<FaultSettings>;
  /** Through the IndexedDB cache (as the demo page and most hosts do). Default `true`. */
  readonly cache?: boolean;
  /** No deadlines: a hanging call stays "loading" instead of ending in the 15-second timeout error. */
  readonly noDeadlines?: boolean;
  readonly clock?: Date;
  /** Work on the demo backend before the elements see it (a booking, a support login). */
  readonly prepare?: (demo: DemoBackend, context: StateContext) => Promise<void> | void;
}

const SCOPE_USER = 'user-abecker';

/** A backend for one state, following `recipe`, with the cache database `gallery-<id>` started empty. */
async function backendFor(id: string, context: StateContext, recipe: Recipe) {
  const clock = fixedClock(recipe.clock ?? context.at);
  const demo = createDemoBackend({
    locale: context.lang,
    now: clock.now,
    seed: GALLERY_SEED,
    agentDelayMs: null,
    loginDelayMs: null,
    ...recipe.demo,
  });
  await recipe.prepare?.(demo, context);
  const random = createRandom(GALLERY_SEED);
  const faulty = withFaults(demo, recipe.faults ?? {}, random.next);
  const scope = { tenantId: `${context.cachePrefix}-${id}-${context.lang}`, userId: SCOPE_USER };
  // Start from an empty cache every time (a previous visit of the gallery left its data there).
  await createCachingBackend(faulty, { scope }).clear();
  const cached = recipe.cache === false ? null : createCachingBackend(faulty, { scope, now: clock.now });
  let inner: SupportBackend = cached ?? faulty;
  if (recipe.noDeadlines) inner = withDeadlines(inner, { read: Infinity, write: Infinity });
  // Calls held by an endless latency never answer: the contract's methods, which go through the fault wrapper.
  const hangs = (recipe.faults?.latencyMs ?? 0) >= FOREVER_MS;
  const { backend, tracker } = trackCalls(inner, hangs ? { neverAnswers: (name) => name in faulty.calls } : {});
  return {
    demo,
    faulty,
    backend,
    tracker,
    clock,
    async dispose() {
      demo.control.dispose();
      await cached?.clear();
    },
  };
}

/** A state in which all six elements share one backend built from `recipe`. */
function allElements(id: string, title: Text, how: Text, recipe: Recipe, focus?: readonly ElementTag[]): GalleryState {
  return {
    id,
    title,
    how,
    ...(focus ? { focus } : {}),
    async build(context) {
      const b = await backendFor(id, context, recipe);
      const specimens = ELEMENT_TAGS.map((tag) => ({ tag, backend: b.backend, now: b.clock.now }));
      return {
        specimens,
        activity: [b.tracker],
        ...(recipe.faultsAfterPrime ? { afterPrime: () => b.faulty.set(recipe.faultsAfterPrime!) } : {}),
        dispose: b.dispose,
      };
    },
  };
}

const reasons: Text = {
  en: 'Ticket #48213-151: checking the export template',
  de: 'Ticket #48213-151: Exportvorlage prüfen',
};

/** Books the first free callback window of the first topic, as a user would in the scheduler. */
async function bookFirstWindow(demo: DemoBackend, lang: GalleryLang): Promise<void> {
  const [topic] = await demo.getCallbackTopics();
  if (!topic) throw new Error('The demo backend offers no callback topic');
  const windows = await demo.listCallbackWindows({ topicId: topic.id });
  const free = windows.find((w) => w.available);
  if (!free) throw new Error('The demo backend offers no free callback window');
  await demo.bookCallback({
    topicId: topic.id,
    start: free.start,
    phone: '+49 241 4468 6100',
    note: lang === 'de' ? 'Bitte vormittags anrufen.' : 'Please call in the morning.',
  });
}

/** The unlock link states: one inline unlock dialog each, with its own backend and link. */
function linkStates(): GalleryState {
  type LinkCase = { id: string; caption: Text; demo?: DemoBackendOptions; token: (demo: DemoBackend, clock: ReturnType<typeof fixedClock>, context: StateContext) => Promise<string> };
  const create = (demo: DemoBackend, context: StateContext) =>
    demo.control.createUnlockLink({ granteeId: 'emp-02', duration: '2h', dataExport: false, reason: reasons[context.lang] });
  const cases: LinkCase[] = [
    { id: 'valid', caption: { en: 'Valid link', de: 'Gültiger Link' }, token: async (demo, _c, context) => create(demo, context) },
    {
      id: 'expired',
      caption: { en: 'Expired link (sent three days ago, valid for 48 h)', de: 'Abgelaufener Link (vor drei Tagen gesendet, 48 h gültig)' },
      token: async (demo, clock, context) => {
        const sentAt = new Date(context.at.getTime() - 3 * 24 * 3600_000);
        clock.set(sentAt);
        const token = create(demo, context);
        clock.set(context.at);
        return token;
      },
    },
    {
      id: 'used',
      caption: { en: 'Link already used', de: 'Bereits verwendeter Link' },
      token: async (demo, _c, context) => {
        const token = create(demo, context);
        await demo.confirmUnlockToken(token, true);
        return token;
      },
    },
    {
      id: 'unknown',
      caption: { en: 'Unknown link', de: 'Unbekannter Link' },
      // A well-formed token that the backend never issued.
      token: async () => 'f'.repeat(48),
    },
    {
      id: 'no-right',
      caption: { en: 'Valid link, user without the right', de: 'Gültiger Link, Benutzer ohne das Recht' },
      demo: { unlockSupport: false },
      token: async (demo, _c, context) => create(demo, context),
    },
  ];
  return {
    id: 'unlock-links',
    title: { en: 'Unlock links', de: 'Freischaltungslinks' },
    how: {
      en: 'An e-mailed unlock link handed to the unlock dialog; the demo backend issued, expired or used the link (or never issued it).',
      de: 'Ein per E-Mail geschickter Freischaltungslink im Freischaltungsdialog; das Demo-Backend hat den Link ausgestellt, ablaufen lassen oder verbraucht (oder nie ausgestellt).',
    },
    async build(context) {
      const built = await Promise.all(
        cases.map(async (c) => {
          const b = await backendFor(`link-${c.id}`, context, { ...(c.demo ? { demo: c.demo } : {}) });
          const unlockToken = await c.token(b.demo, b.clock, context);
          return { b, specimen: { tag: 'support-unlock-dialog' as const, backend: b.backend, now: b.clock.now, unlockToken, caption: c.caption } };
        }),
      );
      return {
        specimens: built.map((x) => x.specimen),
        activity: built.map((x) => x.b.tracker),
        dispose: async () => void (await Promise.all(built.map((x) => x.b.dispose()))),
      };
    },
  };
}

/** Every state the gallery shows, in order. */
export const GALLERY_STATES: readonly GalleryState[] = [
  allElements(
    'ready',
    { en: 'Ready', de: 'Bereit' },
    { en: 'Demo backend with its seeded history; a support employee is logged in.', de: 'Demo-Backend mit seinem Verlauf; ein Support-Mitarbeiter ist angemeldet.' },
    { prepare: (demo, context) => void demo.control.startSupportLogin(reasons[context.lang]) },
  ),
  allElements(
    'loading',
    { en: 'Loading', de: 'Laden' },
    { en: 'Every call takes longer than anyone waits (fault wrapper latency, no deadline).', de: 'Jeder Aufruf dauert länger, als jemand wartet (Latenz im Fehler-Wrapper, ohne Frist).' },
    { faults: { latencyMs: FOREVER_MS }, noDeadlines: true },
  ),
  allElements(
    'stale',
    { en: 'Stale: cached data, server failing', de: 'Veraltet: gespeicherte Daten, Server gestört' },
    { en: 'The cache was filled online; now every call fails with "unavailable".', de: 'Der Cache wurde online gefüllt; jetzt schlägt jeder Aufruf mit „nicht verfügbar“ fehl.' },
    { faultsAfterPrime: { errorRate: 1 } },
  ),
  allElements(
    'error',
    { en: 'Error, nothing cached', de: 'Fehler, nichts gespeichert' },
    { en: 'Empty cache; every call fails with "unavailable".', de: 'Leerer Cache; jeder Aufruf schlägt mit „nicht verfügbar“ fehl.' },
    { faults: { errorRate: 1 } },
  ),
  allElements(
    'offline',
    { en: 'Offline', de: 'Offline' },
    { en: 'The cache was filled online; now the network is gone.', de: 'Der Cache wurde online gefüllt; jetzt ist das Netz weg.' },
    { faultsAfterPrime: { offline: true } },
  ),
  allElements(
    'empty',
    { en: 'Empty', de: 'Leer' },
    { en: 'Demo backend without history: no grants, logins, chat or booking.', de: 'Demo-Backend ohne Verlauf: keine Freigaben, Logins, Chats oder Buchungen.' },
    { demo: { history: false } },
    ['callback-scheduler', 'support-chat-panel', 'support-access-indicator', 'support-unlock-dialog'],
  ),
  allElements(
    'no-right',
    { en: 'No right to unlock support', de: 'Ohne Recht zur Freischaltung' },
    { en: 'The user lacks "may unlock the support user".', de: 'Dem Benutzer fehlt „darf den Supportbenutzer freischalten“.' },
    { demo: { unlockSupport: false } },
    ['support-unlock-dialog'],
  ),
  allElements(
    'signed-out',
    { en: 'Signed out', de: 'Abgemeldet' },
    { en: 'Nobody is signed in: every call answers "unauthorized".', de: 'Niemand ist angemeldet: jeder Aufruf antwortet „nicht angemeldet“.' },
    { demo: { signedIn: false } },
  ),
  allElements(
    'booked',
    { en: 'Callback booked', de: 'Rückruf gebucht' },
    { en: 'The first free callback window was booked through the demo backend.', de: 'Das erste freie Rückruffenster wurde über das Demo-Backend gebucht.' },
    { prepare: (demo, context) => bookFirstWindow(demo, context.lang) },
    ['callback-scheduler', 'support-chat-panel'],
  ),
  allElements(
    'after-hours',
    { en: 'After hours (Tue 23:15)', de: 'Außerhalb der Zeiten (Di 23:15)' },
    { en: 'The clock stands at 23:15 on a weekday: support closed, night hotline tier.', de: 'Die Uhr steht auf 23:15 an einem Werktag: Support geschlossen, Nacht-Hotline.' },
    { clock: new Date(AFTER_HOURS.iso) },
    ['support-contact', 'callback-scheduler', 'support-chat-panel'],
  ),
  linkStates(),
];
