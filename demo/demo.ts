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
  type SupportChatPanel,
} from '../src/index.js';
import '../src/define/all.js';

type Lang = 'de' | 'en';

const params = new URLSearchParams(location.search);
const initialLang: Lang = (params.get('lang') ?? localStorage.getItem('demo-lang') ?? 'de') === 'en' ? 'en' : 'de';

const demo = createDemoBackend({ locale: initialLang });
const faulty = withFaults(demo);
const scope = { tenantId: 'tenant-musterimmo', userId: 'user-abecker' };
let backend = createCachingBackend(faulty, { scope });
const setBackend = provideBackend(document.body, backend);

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
    welcome: 'Willkommen zurück, Anna',
    intro:
      'Dies ist eine Demo-Oberfläche. Alle Daten kommen aus dem eingebetteten Demo-Backend (ohne Server) über den IndexedDB-Cache.',
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
    welcome: 'Welcome back, Anna',
    intro: 'This is a demo shell. All data comes from the embedded demo backend (no server) through the IndexedDB cache.',
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
  demo.control.setUnlockRight((event.target as HTMLInputElement).checked);
  document.dispatchEvent(new CustomEvent('demo-rights-changed'));
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
  backend = createCachingBackend(faulty, { scope });
  setBackend(backend);
});

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
