/**
 * The demo shell: a small CRM-like page wired to the embedded demo backend through the fault switch and the
 * IndexedDB cache. No server needed.
 */
import {
  createCachingBackend,
  createDemoBackend,
  provideBackend,
  withFaults,
  type AboutTenant,
  type CallbackScheduler,
  type SupportContact,
  type SupportChatPanel,
} from '../src/index.js';
import { createHttpBackend } from '../src/backend/index.js';
import '../src/define/all.js';

type Lang = 'de' | 'en';

const params = new URLSearchParams(location.search);
const initialLang: Lang = (params.get('lang') ?? localStorage.getItem('demo-lang') ?? 'de') === 'en' ? 'en' : 'de';

// `?now=2026-11-24T10:00:00Z` runs the demo's clock from that instant (opening hours, hotline tiers, screenshots).
const nowParam = Date.parse(params.get('now') ?? '');
const clockOffset = Number.isNaN(nowParam) ? 0 : nowParam - Date.now();
const now = (): Date => new Date(Date.now() + clockOffset);
const demo = createDemoBackend({ locale: initialLang, now });

// --- backend switch (adapter kit) ---
// `?backend=http://127.0.0.1:8787/api/v1` talks to the reference server (`npm run start:server`) instead of the
// in-memory demo backend; `&token=` overrides the seeded demo user's token. The fault switches and the cache work the
// same on both; the rights switch uses the server's test-control routes, which answer no browser directly: the dev
// server of `npm run start:server` forwards this page's same-origin `/__test/…` calls to them. `?now=` moves only the
// demo backend's clock, not the server's.
const backendUrl = params.get('backend');
const httpBackend = backendUrl
  ? createHttpBackend({ baseUrl: backendUrl, token: () => params.get('token') ?? 'demo-token-anna-becker' })
  : null;
async function setServerRight(allowed: boolean): Promise<void> {
  const response = await fetch('/__test/tenants/tenant-musterimmo/right', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ allowed }),
  });
  if (!response.ok) console.warn('The rights switch needs `npm run start:server` (its dev server forwards /__test to the reference server)', response.status);
}
if (httpBackend) {
  document.querySelector('[data-i18n="intro"]')?.setAttribute('data-i18n', 'introHttp');
  document.documentElement.dataset['backend'] = 'http';
}
// --- end backend switch ---

const faulty = withFaults(httpBackend ?? demo);
const scope = { tenantId: httpBackend ? 'tenant-musterimmo@reference-server' : 'tenant-musterimmo', userId: 'user-abecker' };
// One clock for the backend, the cache and every element ("open now", windows in the past, "Today").
let backend = createCachingBackend(faulty, { scope, now });
const setBackend = provideBackend(document.body, backend, { now });

// Exposed for the console and the screenshot script.
Object.assign(window, { demo, faulty, get backend() { return backend; } });

// ------------------------------------------------------------------------------------------------ language
const TEXT: Record<Lang, Record<string, string>> = {
  de: {
    nav: 'Hauptnavigation',
    addresses: 'Adressen',
    properties: 'Objekte',
    calendar: 'Kalender',
    help: 'Hilfe',
    about: 'Über onOffice',
    settings: 'Demo-Einstellungen',
    language: 'Sprache',
    right: 'Darf den Supportbenutzer freischalten',
    offline: 'Offline (simuliert)',
    errors: '30 % Serverfehler',
    latency: '800 ms Latenz',
    clearCache: 'Cache leeren (Abmelden)',
    darkTheme: 'Dunkles Design (Beispiel-Theme)',
    welcome: 'Willkommen zurück, Anna',
    intro:
      'Dies ist eine Demo-Oberfläche. Alle Daten kommen aus dem eingebetteten Demo-Backend (ohne Server) über den IndexedDB-Cache.',
    introHttp: 'Dies ist eine Demo-Oberfläche. Alle Daten kommen vom Referenzserver (SQLite) über HTTP und den IndexedDB-Cache.',
    inline: 'Eingebettet',
    // --- <support-chat-panel> ---
    messenger: 'Messenger',
    closeMessenger: 'Messenger schließen',
    chatPush: 'Support schreibt (Demo)',
  },
  en: {
    nav: 'Main navigation',
    addresses: 'Addresses',
    properties: 'Properties',
    calendar: 'Calendar',
    help: 'Help',
    about: 'About onOffice',
    settings: 'Demo settings',
    language: 'Language',
    right: 'May unlock the support user',
    offline: 'Offline (simulated)',
    errors: '30 % server errors',
    latency: '800 ms latency',
    clearCache: 'Clear cache (sign out)',
    darkTheme: 'Dark theme (example theme)',
    welcome: 'Welcome back, Anna',
    intro: 'This is a demo shell. All data comes from the embedded demo backend (no server) through the IndexedDB cache.',
    introHttp: 'This is a demo shell. All data comes from the reference server (SQLite) over HTTP through the IndexedDB cache.',
    inline: 'Inline',
    // --- <support-chat-panel> ---
    messenger: 'Messenger',
    closeMessenger: 'Close messenger',
    chatPush: 'Support writes (demo)',
  },
};

function applyLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  localStorage.setItem('demo-lang', lang);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = TEXT[lang][el.dataset['i18n']!] ?? '';
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    el.setAttribute('aria-label', TEXT[lang][el.dataset['i18nAria']!] ?? '');
  }
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="lang"]')) radio.checked = radio.value === lang;
}
applyLanguage(initialLang);
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="lang"]')) {
  radio.addEventListener('change', () => applyLanguage(radio.value as Lang));
}

// ------------------------------------------------------------------------------------------------ help menu
const helpButton = document.querySelector<HTMLButtonElement>('#help-button')!;
const helpItems = document.querySelector<HTMLUListElement>('#help-items')!;
const menuItems = () => [...helpItems.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].filter((b) => !b.closest('[hidden]'));

function openMenu(focus: 'first' | 'last' = 'first'): void {
  helpItems.hidden = false;
  helpButton.setAttribute('aria-expanded', 'true');
  const items = menuItems();
  (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
}
function closeMenu(returnFocus = true): void {
  helpItems.hidden = true;
  helpButton.setAttribute('aria-expanded', 'false');
  if (returnFocus) helpButton.focus();
}
helpButton.addEventListener('click', () => (helpItems.hidden ? openMenu() : closeMenu()));
helpButton.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    openMenu('first');
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    openMenu('last');
  }
});
helpItems.addEventListener('keydown', (event) => {
  const items = menuItems();
  const index = items.indexOf(document.activeElement as HTMLButtonElement);
  const move = (i: number) => items[(i + items.length) % items.length]?.focus();
  if (event.key === 'ArrowDown') move(index + 1);
  else if (event.key === 'ArrowUp') move(index - 1);
  else if (event.key === 'Home') move(0);
  else if (event.key === 'End') move(items.length - 1);
  else if (event.key === 'Escape' || event.key === 'Tab') closeMenu(event.key === 'Escape');
  else return;
  event.preventDefault();
});
document.addEventListener('click', (event) => {
  if (!helpItems.hidden && !(event.target as Element).closest('#help-menu')) closeMenu(false);
});

/** What the Help menu entries open. Later issues register theirs here. */
const menuActions: Record<string, () => void> = {
  about: () => document.querySelector<AboutTenant>('#about-popup')!.show(),
};
helpItems.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset['action'];
  if (!action) return;
  closeMenu(false);
  // Open after the menu closed, so that focus returns to the Help button when the popup closes.
  helpButton.focus();
  menuActions[action]?.();
});

// ------------------------------------------------------------------------------------------------ switches
document.querySelector<HTMLInputElement>('#right-switch')!.addEventListener('change', (event) => {
  const allowed = (event.target as HTMLInputElement).checked;
  if (httpBackend) void setServerRight(allowed).then(() => document.dispatchEvent(new CustomEvent('demo-rights-changed')));
  else {
    demo.control.setUnlockRight(allowed);
    document.dispatchEvent(new CustomEvent('demo-rights-changed'));
  }
});
document.querySelector<HTMLInputElement>('#offline-switch')!.addEventListener('change', (event) => {
  faulty.set({ offline: (event.target as HTMLInputElement).checked });
});
document.querySelector<HTMLInputElement>('#errors-switch')!.addEventListener('change', (event) => {
  faulty.set({ errorRate: (event.target as HTMLInputElement).checked ? 0.3 : 0 });
});
document.querySelector<HTMLInputElement>('#latency-switch')!.addEventListener('change', (event) => {
  faulty.set({ latencyMs: (event.target as HTMLInputElement).checked ? 800 : 0 });
});
document.querySelector<HTMLButtonElement>('#clear-cache')!.addEventListener('click', async () => {
  await backend.clear();
  backend = createCachingBackend(faulty, { scope, now });
  setBackend(backend);
});

// --- <callback-scheduler> / <support-contact> ---
{
  Object.assign(TEXT.de, { callback: 'Rückruf vereinbaren', contact: 'Support kontaktieren', inlineContact: 'Eingebettet: Kontakt', booked: 'Rückruf gebucht' });
  Object.assign(TEXT.en, { callback: 'Request a callback', contact: 'Contact support', inlineContact: 'Inline: contact', booked: 'Callback booked' });
  const callbackButton = document.querySelector<HTMLButtonElement>('#callback-button')!;
  const callbackBadge = document.querySelector<HTMLElement>('#callback-badge')!;
  const scheduler = document.querySelector<CallbackScheduler>('#callback-popup')!;
  const contactPopup = document.querySelector<SupportContact>('#contact-popup')!;

  /** The phone icon's tooltip and its "booked" dot follow the language and the booking. */
  let hasBooking = false;
  const label = () => {
    const lang = document.documentElement.lang === 'en' ? 'en' : 'de';
    const text = hasBooking ? `${TEXT[lang]['callback']} (${TEXT[lang]['booked']})` : TEXT[lang]['callback']!;
    callbackButton.title = text;
    callbackButton.setAttribute('aria-label', text);
    callbackBadge.hidden = !hasBooking;
  };
  const setBooked = (booked: boolean) => {
    hasBooking = booked;
    label();
  };
  applyLanguage(document.documentElement.lang === 'en' ? 'en' : 'de');
  label();
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="lang"]')) radio.addEventListener('change', label);
  backend.getCallbackBooking().then((b) => setBooked(b !== null), () => undefined);
  document.addEventListener('support-callback-booked', () => setBooked(true));
  document.addEventListener('support-callback-changed', () => setBooked(true));
  document.addEventListener('support-callback-cancelled', () => setBooked(false));

  callbackButton.addEventListener('click', () => scheduler.show());
  menuActions['contact'] = () => contactPopup.show();
  // The chat panel may ask for a callback with a bubbling `support-request-callback` (optionally with a topic).
  document.addEventListener('support-request-callback', (event) => {
    if (event.defaultPrevented) return;
    const topicId = (event as CustomEvent<{ topicId?: unknown } | null>).detail?.topicId;
    if (typeof topicId === 'string') scheduler.topic = topicId;
    scheduler.show();
  });
  // The contact card's "Request a callback" (`support-channel-select`; the card only asks, the page opens it).
  document.addEventListener('support-channel-select', (event) => {
    if (event.detail.channel !== 'callback') return;
    contactPopup.close();
    scheduler.show();
  });
}
// --- theme ---
// The example dark theme (themes/dark.css, docs/theming.md): a class on <html> that sets the --support-* tokens.
// `?theme=dark` or the switch turns it on (not remembered: the screenshot scenes share one browser profile).
const themeSwitch = document.querySelector<HTMLInputElement>('#theme-switch')!;
function applyTheme(dark: boolean): void {
  document.documentElement.classList.toggle('support-theme-dark', dark);
  themeSwitch.checked = dark;
}
applyTheme(params.get('theme') === 'dark');
themeSwitch.addEventListener('change', () => applyTheme(themeSwitch.checked));
// --- /theme ---
// --- support-unlock-dialog ---
// The Help menu's first entry "Unlock support" (only with the right), the live indicator in the top bar, and a
// simulated e-mail from support with an unlock link (#support-unlock=<token>, read and removed by takeUnlockToken()).
import { takeUnlockToken, type SupportUnlockDialog } from '../src/index.js';

Object.assign(TEXT.de, {
  unlockMenu: 'Freischaltung Support',
  unlockMailTitle: 'E-Mail vom Support (Simulation)',
  unlockMailIntro: 'Der Support kann Ihnen einen Freischaltungslink per E-Mail schicken. Hier simulieren Sie eine solche E-Mail.',
  unlockMailButton: 'E-Mail mit Freischaltungslink empfangen',
  unlockMailFrom: 'Von: Jonas Schmitz, onOffice Support',
  unlockMailBody:
    'Guten Tag, um Ihr Ticket zu bearbeiten, benötige ich für 2 Stunden Zugriff auf Ihr System. Bitte bestätigen Sie über diesen Link:',
  unlockMailLink: 'Support-Zugriff freischalten',
});
Object.assign(TEXT.en, {
  unlockMenu: 'Unlock support',
  unlockMailTitle: 'E-mail from support (simulated)',
  unlockMailIntro: 'Support can e-mail you an unlock link. Simulate such an e-mail here.',
  unlockMailButton: 'Receive an e-mail with an unlock link',
  unlockMailFrom: 'From: Jonas Schmitz, onOffice support',
  unlockMailBody: 'Hello, to work on your ticket I need access to your system for 2 hours. Please confirm with this link:',
  unlockMailLink: 'Unlock support access',
});
applyLanguage(document.documentElement.lang === 'en' ? 'en' : 'de');

const unlockDialog = document.querySelector<SupportUnlockDialog>('#unlock-popup')!;
const unlockEntry = document.querySelector<HTMLElement>('#unlock-menu-entry')!;

/** The Help-menu entry is there only for users with the right "may unlock the support user". */
async function showUnlockEntry(): Promise<void> {
  unlockEntry.hidden = !(await unlockDialog.canUnlock());
}
unlockDialog.addEventListener('support-rights-change', (event) => (unlockEntry.hidden = !event.detail.canUnlock));
document.addEventListener('demo-rights-changed', () => void showUnlockEntry());
void showUnlockEntry();
menuActions['unlock'] = () => unlockDialog.show();
// The popup's form loads on first need: start it when the menu entry is about to be used, so the popup opens complete.
for (const type of ['pointerenter', 'focusin']) unlockEntry.addEventListener(type, () => void unlockDialog.preload(), { once: true });

/** An unlock link in the address bar (at start-up, or followed later): hand it to the dialog and drop it from the URL. */
function openUnlockLinkFromAddress(): void {
  const token = takeUnlockToken();
  if (token) unlockDialog.openUnlockLink(token);
}
openUnlockLinkFromAddress();
window.addEventListener('hashchange', openUnlockLinkFromAddress);

// The simulated e-mail: support creates a single-use link; following it changes only the fragment (no reload, so the
// in-memory demo backend keeps the token).
document.querySelector<HTMLButtonElement>('#unlock-mail-button')!.addEventListener('click', () => {
  const token = demo.control.createUnlockLink({
    granteeId: 'emp-02',
    duration: '2h',
    dataExport: false,
    reason: initialLang === 'de' ? 'Ticket #48213-151: Exportvorlage prüfen' : 'Ticket #48213-151: checking the export template',
  });
  document.querySelector<HTMLAnchorElement>('#unlock-mail-link')!.href = `#support-unlock=${token}`;
  document.querySelector<HTMLElement>('#unlock-mail')!.hidden = false;
});
// --- /support-unlock-dialog ---
// --- <support-chat-panel> ---
// The messenger sidebar: a toggle with the unread badge, the chat panel, and two demo helpers (an incoming support
// message; the outbox size, to watch it fill while offline/erroring and drain when the switches go back).
{
  const button = document.querySelector<HTMLButtonElement>('#messenger-button')!;
  const sidebar = document.querySelector<HTMLElement>('#messenger')!;
  const chat = document.querySelector<SupportChatPanel>('#chat')!;
  const badge = document.querySelector<HTMLElement>('#chat-badge')!;
  const outbox = document.querySelector<HTMLElement>('#chat-outbox')!;
  const setOpen = (open: boolean) => {
    sidebar.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('messenger-open', open);
    if (open) chat.focus();
    else button.focus();
  };
  button.addEventListener('click', () => setOpen(sidebar.hidden));
  // The contact card's "Open the support chat" (`support-channel-select`) opens the messenger.
  document.addEventListener('support-channel-select', (event) => {
    if (event.detail.channel !== 'chat') return;
    document.querySelector<SupportContact>('#contact-popup')?.close();
    setOpen(true);
  });
  document.querySelector('#messenger-close')!.addEventListener('click', () => setOpen(false));
  sidebar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });
  chat.addEventListener('support-unread-change', (event) => {
    const { count } = event.detail;
    badge.hidden = count === 0;
    badge.textContent = String(count);
    badge.setAttribute('aria-hidden', 'true');
    document.querySelector('#chat-badge-label')!.textContent =
      count === 0 ? '' : document.documentElement.lang === 'de' ? `, ${count} ungelesen` : `, ${count} unread`;
  });
  chat.addEventListener('support-request-callback', () => {
    // The callback booking (another element) would open here.
    alert(document.documentElement.lang === 'de' ? 'Hier öffnet sich die Rückrufbuchung.' : 'The callback booking opens here.');
  });
  document.querySelector('#chat-push')!.addEventListener('click', () => {
    demo.control.pushSupportMessage(
      document.documentElement.lang === 'de'
        ? 'Kurze Rückfrage: Tritt der Fehler bei allen Vorlagen auf? Details: https://example.com/hilfe/vorlagen'
        : 'Quick question: does it happen with every template? Details: https://example.com/help/templates',
    );
  });
  setInterval(() => {
    const pending = chat.pending;
    const failed = pending.filter((p) => p.state === 'failed').length;
    const de = document.documentElement.lang === 'de';
    outbox.textContent = pending.length
      ? de
        ? `Postausgang: ${pending.length} (${failed} fehlgeschlagen)`
        : `Outbox: ${pending.length} (${failed} failed)`
      : '';
  }, 500);
  if (params.get('chat') === 'open') setOpen(true);
}

export { menuActions };
