import { fixture, html } from '@open-wc/testing';
import type { SupportBackend } from '../../src/backend/index.js';
import '../../src/define/all.js';
import type { AboutTenant } from '../../src/elements/about-tenant/about-tenant.js';
import type { CallbackScheduler } from '../../src/elements/callback-scheduler/callback-scheduler.js';
import type { SupportAccessIndicator } from '../../src/elements/support-access-indicator/support-access-indicator.js';
import type { SupportChatPanel } from '../../src/elements/support-chat-panel/support-chat-panel.js';
import type { SupportContact } from '../../src/elements/support-contact/support-contact.js';
import type { SupportUnlockDialog } from '../../src/elements/support-unlock-dialog/support-unlock-dialog.js';
import { until } from '../helpers/backend.js';

/**
 * Every element in its main states, rendered inline after a "start" button (so a test can Tab into it) for the
 * visual tests (focus outlines, long text, page width). Each scene resolves once the element shows its data.
 */
export interface Scene {
  readonly name: string;
  /** Renders the scene; returns the wrapper and the element. */
  render(backend: SupportBackend, now: () => Date): Promise<{ wrapper: HTMLElement; el: HTMLElement }>;
}

/** Tue 24 Nov 2026 10:00 Berlin: support is open, callback windows are free. */
export const OPEN_HOURS = new Date('2026-11-24T09:00:00Z');

const settle = async (el: HTMLElement) => {
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
};

/** All shadow roots below `el` (its own and those of nested elements), the element's own first. */
export function shadowRoots(el: Element): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (node: Element) => {
    if (node.shadowRoot) {
      found.push(node.shadowRoot);
      node.shadowRoot.querySelectorAll('*').forEach(visit);
    }
  };
  visit(el);
  el.querySelectorAll('*').forEach(visit);
  return found;
}

/** Every element below `el`, through shadow roots. */
export function deepElements(el: Element): Element[] {
  return shadowRoots(el).flatMap((root) => [...root.querySelectorAll('*')]);
}

/** The first element matching `selector` in any shadow root below `el`. */
export function deepQuery<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  for (const root of shadowRoots(el)) {
    const found = root.querySelector<T>(selector);
    if (found) return found;
  }
  return null;
}

async function mount<T extends HTMLElement>(content: ReturnType<typeof html>, tag: string) {
  const wrapper = await fixture<HTMLDivElement>(html`<div class="scene"><button type="button" id="start">start</button>${content}</div>`);
  return { wrapper, el: wrapper.querySelector(tag) as T };
}

export const scenes: readonly Scene[] = [
  {
    name: 'about-tenant',
    async render(backend, now) {
      const r = await mount<AboutTenant>(html`<about-tenant lang="en" .now=${now} .backend=${backend}></about-tenant>`, 'about-tenant');
      await until(() => r.el.info.state === 'fresh', 5000, 'tenant info');
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-contact',
    async render(backend, now) {
      const r = await mount<SupportContact>(
        html`<support-contact lang="en" time-zone="Europe/Berlin" .now=${now} .backend=${backend}></support-contact>`,
        'support-contact',
      );
      await until(() => r.el.contact.state === 'fresh', 5000, 'contact info');
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'callback-scheduler',
    async render(backend, now) {
      const r = await mount<CallbackScheduler>(
        html`<callback-scheduler lang="en" time-zone="Europe/Berlin" .now=${now} .backend=${backend}></callback-scheduler>`,
        'callback-scheduler',
      );
      await until(
        () => (r.el.view === 'form' || r.el.view === 'booking') && r.el.windows.state === 'fresh' && !r.el.windows.refreshing,
        5000,
        'the scheduler',
      );
      await settle(r.el);
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-chat-panel',
    async render(backend, now) {
      const r = await mount<SupportChatPanel>(
        html`<support-chat-panel lang="en" time-zone="Europe/Berlin" style="height: 480px" .now=${now} .backend=${backend}></support-chat-panel>`,
        'support-chat-panel',
      );
      await until(() => r.el.status === 'ready' && r.el.messages.length > 0, 5000, 'chat messages');
      await settle(r.el);
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-unlock-dialog (grant form)',
    async render(backend, now) {
      const r = await mount<SupportUnlockDialog>(
        html`<support-unlock-dialog inline lang="en" tab="grant" time-zone="Europe/Berlin" .now=${now} .backend=${backend}></support-unlock-dialog>`,
        'support-unlock-dialog',
      );
      await until(() => !!deepQuery(r.el, '[part~="submit-button"]'), 5000, 'the grant form');
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-unlock-dialog (grants)',
    async render(backend, now) {
      const r = await mount<SupportUnlockDialog>(
        html`<support-unlock-dialog inline lang="en" tab="grants" time-zone="Europe/Berlin" page-size="4" .now=${now} .backend=${backend}></support-unlock-dialog>`,
        'support-unlock-dialog',
      );
      await until(() => !!deepQuery(r.el, '[part~="revoke-button"]'), 5000, 'the grants');
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-unlock-dialog (logins)',
    async render(backend, now) {
      const r = await mount<SupportUnlockDialog>(
        html`<support-unlock-dialog inline lang="en" tab="logins" time-zone="Europe/Berlin" page-size="4" .now=${now} .backend=${backend}></support-unlock-dialog>`,
        'support-unlock-dialog',
      );
      await until(() => !!deepQuery(r.el, 'tbody tr'), 5000, 'the logins');
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'callback-scheduler (popup)',
    async render(backend, now) {
      const r = await mount<CallbackScheduler>(
        html`<callback-scheduler modal lang="en" time-zone="Europe/Berlin" .now=${now} .backend=${backend}></callback-scheduler>`,
        'callback-scheduler',
      );
      r.el.show();
      await until(
        () => (r.el.view === 'form' || r.el.view === 'booking') && r.el.windows.state === 'fresh' && !r.el.windows.refreshing,
        5000,
        'the scheduler',
      );
      await settle(r.el);
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-unlock-dialog (popup, grants)',
    async render(backend, now) {
      const r = await mount<SupportUnlockDialog>(
        html`<support-unlock-dialog lang="en" tab="grants" time-zone="Europe/Berlin" page-size="4" .now=${now} .backend=${backend}></support-unlock-dialog>`,
        'support-unlock-dialog',
      );
      r.el.show();
      await until(() => !!deepQuery(r.el, '[part~="revoke-button"]'), 5000, 'the grants');
      await settle(r.el);
      return r;
    },
  },
  {
    name: 'support-access-indicator',
    async render(backend, now) {
      const r = await mount<SupportAccessIndicator>(
        html`<support-access-indicator lang="en" time-zone="Europe/Berlin" .now=${now} .backend=${backend}></support-access-indicator>`,
        'support-access-indicator',
      );
      await until(() => r.el.active, 5000, 'a support login');
      await settle(r.el);
      return r;
    },
  },
];
