import { fixture, html } from '@open-wc/testing';
import type { SupportBackend } from '../../../src/backend/index.js';
import type { Grant, SupportLogin } from '../../../src/core/index.js';
import '../../../src/elements/support-unlock-dialog/define.js';
import type { SupportUnlockDialog } from '../../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { textOf, until } from '../../helpers/backend.js';

/**
 * The dialog's shadow root and those of its internal elements (Grant form, overviews, link view): a test looks into
 * all of them, as a user sees one dialog.
 */
export const roots = (el: HTMLElement): ShadowRoot[] => [
  el.shadowRoot!,
  ...[...el.shadowRoot!.querySelectorAll('*')]
    .filter((node) => node.localName.startsWith('support-unlock-') && node.shadowRoot)
    .map((node) => node.shadowRoot!),
];
export const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string): T | null => {
  for (const root of roots(el)) {
    const found = root.querySelector<T>(selector);
    if (found) return found;
  }
  return null;
};
export const $$ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string): T[] =>
  roots(el).flatMap((root) => [...root.querySelectorAll<T>(selector)]);
/** The element with id `id` in whichever root of the dialog holds it. */
export const byId = <T extends Element = HTMLElement>(el: HTMLElement, id: string): T | null => {
  for (const root of roots(el)) {
    const found = root.getElementById(id) as T | null;
    if (found) return found;
  }
  return null;
};
/** The focused element inside the dialog (through its internal elements' shadow roots). */
export const active = (el: HTMLElement): Element | null => {
  let focused = el.shadowRoot!.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return focused;
};
export const part = <T extends Element = HTMLElement>(el: HTMLElement, name: string): T | null =>
  $<T>(el, `[part~="${name}"]`);
export const text = (el: SupportUnlockDialog) => textOf(el.shadowRoot);

/** An inline dialog on the Grant tab, with the session loaded. */
export async function inlineDialog(
  backend: SupportBackend,
  options: { lang?: string; tab?: 'grant' | 'grants' | 'logins'; clock?: () => Date; timeZone?: string; searchDelay?: number; pageSize?: number } = {},
): Promise<SupportUnlockDialog> {
  const el = await fixture<SupportUnlockDialog>(html`<support-unlock-dialog
    inline
    lang=${options.lang ?? 'en'}
    tab=${options.tab ?? 'grant'}
    time-zone=${options.timeZone ?? 'Europe/Berlin'}
    search-delay=${options.searchDelay ?? 20}
    page-size=${options.pageSize ?? 100}
    .clock=${options.clock ?? (() => new Date())}
    .backend=${backend}
  ></support-unlock-dialog>`);
  await until(() => el.session.state !== 'loading' && el.session.state !== 'idle', 3000, 'session');
  await el.updateComplete;
  return el;
}

/** Types `value` into the search field the way a user does (input events) and waits for the results. */
export async function search(el: SupportUnlockDialog, value: string): Promise<void> {
  const input = part<HTMLInputElement>(el, 'search-input')!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  const box = part(el, 'combobox')!;
  await until(
    () =>
      (box.dataset['state'] === 'done' && box.dataset['query'] === value.trim()) ||
      (box.dataset['state'] === 'error' && !box.dataset['query']),
    3000,
    `search results for ${value}`,
  );
  await el.updateComplete;
}

/** Clicks the option whose label is `label`. */
export async function choose(el: SupportUnlockDialog, label: string): Promise<void> {
  const option = $$(el, '[role="option"]').find((o) => o.querySelector('.option-label')!.textContent === label);
  if (!option) throw new Error(`No option ${label}: ${$$(el, '[role="option"]').map((o) => o.textContent).join(' | ')}`);
  option.click();
  await el.updateComplete;
}

export async function setDuration(el: SupportUnlockDialog, value: string): Promise<void> {
  const select = part<HTMLSelectElement>(el, 'duration-select')!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export async function setExport(el: SupportUnlockDialog, on: boolean): Promise<void> {
  const box = part<HTMLInputElement>(el, 'export-checkbox')!;
  if (box.checked !== on) box.click();
  await el.updateComplete;
}

export const previewText = (el: SupportUnlockDialog) => textOf(part(el, 'preview'));

/**
 * A "Help" button before `el` that opens it. (Not a `<div>` fixture around both: open-wc's fixture waits an
 * animation frame for plain elements, which never comes in a background tab when test files run in parallel.)
 */
export function helpButton(el: SupportUnlockDialog): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = 'Help';
  button.addEventListener('click', () => el.show());
  el.before(button);
  return button;
}

/** `count` expired one-hour grants, one a minute apart, newest first, from Fri 20 Nov 2026 10:00 CET on. */
export function manyGrants(count: number): Grant[] {
  const start = Date.parse('2026-11-20T09:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const grantedAt = new Date(start - i * 60_000);
    return {
      id: `g-${i}`,
      grantee: { kind: 'employee' as const, id: `e-${i % 13}`, name: `Employee ${i}`, department: { id: 'dep-support', name: 'Support' } },
      dataExport: i % 5 === 0,
      duration: '1h' as const,
      grantedAt,
      endsAt: new Date(grantedAt.getTime() + 3600_000),
      grantedBy: { id: 'user-abecker', name: 'Anna Becker' },
      source: 'dialog' as const,
      revokedAt: null,
      revokedBy: null,
    };
  });
}

/** `count` finished logins, one a minute apart, newest first, each using grant `g-<i>` of `manyGrants`. */
export function manyLogins(count: number): SupportLogin[] {
  const start = Date.parse('2026-11-20T09:30:00Z');
  return Array.from({ length: count }, (_, i) => {
    const startedAt = new Date(start - i * 60_000);
    return {
      id: `l-${i}`,
      employee: { id: `e-${i % 13}`, name: `Employee ${i % 13}`, department: { id: 'dep-support', name: 'Support' } },
      startedAt,
      endedAt: new Date(startedAt.getTime() + 25 * 60_000 + 17_000),
      reason: `Ticket #${48000 + i}: checking the export template`,
      grantId: `g-${i}`,
    };
  });
}
