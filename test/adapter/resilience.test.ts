/**
 * What an own adapter may get wrong must not break the elements (issue 16, items 1 and 2): a call that never settles
 * ends in a timeout error with a working Retry, and a `subscribe()` that throws or rejects costs live updates only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/all.js';
import {
  createCachingBackend,
  createDemoBackend,
  provideBackend,
  type SupportBackend,
  type SupportEvent,
} from '../../src/index.js';
import { textOf, until } from '../helpers/backend.js';

const demo = () => createDemoBackend({ agentDelayMs: null, loginDelayMs: null });

/** `base` with some methods replaced. */
function patched(base: SupportBackend, changes: Partial<Record<keyof SupportBackend, unknown>>): SupportBackend {
  return new Proxy(base, {
    get: (target, key) => (key in changes ? changes[key as keyof SupportBackend] : Reflect.get(target, key, target)),
  });
}

/** All six elements inside one provider. */
async function allSix(backend: SupportBackend, options: Parameters<typeof provideBackend>[2] = {}) {
  const root = await fixture<HTMLDivElement>(html`<div lang="en">
    <about-tenant></about-tenant>
    <support-contact></support-contact>
    <callback-scheduler></callback-scheduler>
    <support-unlock-dialog inline tab="grant" time-zone="Europe/Berlin"></support-unlock-dialog>
    <support-access-indicator></support-access-indicator>
    <support-chat-panel></support-chat-panel>
  </div>`);
  provideBackend(root, backend, options);
  const el = (tag: string) => root.querySelector(tag) as HTMLElement;
  return { root, el, text: (tag: string) => textOf(el(tag).shadowRoot) };
}

/** Waits until every element shows its data (texts of the demo's data). */
async function expectAllWorking(view: Awaited<ReturnType<typeof allSix>>) {
  const expectations: [string, RegExp][] = [
    ['about-tenant', /musterimmo/],
    ['support-contact', /\+49/],
    ['callback-scheduler', /Book|Callback|callback/],
    ['support-unlock-dialog', /Grant access|Search/i],
    ['support-access-indicator', /since/i],
    ['support-chat-panel', /Write a message|Message|message/],
  ];
  for (const [tag, pattern] of expectations) {
    await until(() => pattern.test(view.text(tag)) && !/Loading/.test(view.text(tag)), 8000, `${tag} to show its data: ${view.text(tag)}`);
    expect(view.text(tag)).not.to.match(/not available|went wrong/i);
  }
}

describe('an adapter whose calls never settle (deadlines)', function () {
  this.timeout(20_000);

  it('ends a hung read in the timeout error, and Retry works', async () => {
    let calls = 0;
    const base = demo();
    const backend = patched(base, {
      getTenantInfo: (signal?: AbortSignal) => {
        calls += 1;
        return calls === 1 ? new Promise(() => {}) : base.getTenantInfo(signal);
      },
    });
    const root = await fixture<HTMLDivElement>(html`<div lang="en"><about-tenant></about-tenant></div>`);
    provideBackend(root, backend, { deadlines: { read: 300 } });
    const el = root.querySelector('about-tenant')!;
    await until(() => /took too long/.test(textOf(el.shadowRoot)), 5000, 'the timeout error');
    await expect(el).to.be.accessible();
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]');
    expect(retry, 'a Retry button').to.exist;
    retry!.click();
    await until(() => textOf(el.shadowRoot).includes('musterimmo'), 5000, 'the data after Retry');
    expect(calls).to.equal(2);
  });

  it('ends a hung read of the contact card and the scheduler the same way', async () => {
    const base = demo();
    let hang = true;
    const backend = patched(base, {
      getContactInfo: (signal?: AbortSignal) => (hang ? new Promise(() => {}) : base.getContactInfo(signal)),
      getCallbackTopics: (signal?: AbortSignal) => (hang ? new Promise(() => {}) : base.getCallbackTopics(signal)),
    });
    const root = await fixture<HTMLDivElement>(html`<div lang="en">
      <support-contact></support-contact><callback-scheduler></callback-scheduler>
    </div>`);
    provideBackend(root, backend, { deadlines: { read: 300 } });
    for (const tag of ['support-contact', 'callback-scheduler']) {
      const el = root.querySelector(tag)!;
      await until(() => /took too long/.test(textOf(el.shadowRoot)), 5000, `${tag}: the timeout error`);
      hang = false;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await until(() => !/took too long/.test(textOf(el.shadowRoot)) && !/Loading/.test(textOf(el.shadowRoot)), 5000, `${tag} after Retry`);
      hang = true;
    }
  });
});

describe('an adapter whose subscribe() fails (contained failures)', function () {
  this.timeout(40_000);
  let rejections: unknown[];
  const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
  const databases: ReturnType<typeof createCachingBackend>[] = [];
  beforeEach(() => {
    rejections = [];
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(async () => {
    window.removeEventListener('unhandledrejection', onRejection);
    for (const db of databases.splice(0)) await db.clear();
  });

  const failures = {
    throws: () => {
      throw new Error('the stream is broken');
    },
    rejects: async () => {
      throw new Error('the stream is broken');
    },
  };

  for (const [how, subscribe] of Object.entries(failures)) {
    for (const cached of [false, true]) {
      it(`a subscribe that ${how} leaves all six elements working${cached ? ' (through createCachingBackend)' : ''}`, async () => {
        const inner = patched(demo(), { subscribe });
        let backend: SupportBackend = inner;
        if (cached) {
          const caching = createCachingBackend(inner, { scope: { tenantId: `t-${crypto.randomUUID()}`, userId: 'u' } });
          databases.push(caching);
          backend = caching;
        }
        const view = await allSix(backend);
        await expectAllWorking(view);
        // The unlock dialog still grants (a write goes through).
        expect(rejections, 'unhandled rejections').to.deep.equal([]);
      });
    }
  }

  it('re-subscribes with backoff and receives live events once subscribe works again', async () => {
    const base = demo();
    let attempts = 0;
    const backend = patched(base, {
      subscribe: (listener: (e: SupportEvent) => void, signal: AbortSignal) => {
        attempts += 1;
        if (attempts <= 1) throw new Error('not yet');
        base.subscribe(listener, signal);
      },
    });
    const view = await allSix(backend, { deadlines: { read: 5000 } });
    await expectAllWorking(view);
    await until(() => attempts >= 4, 5000, 'a second subscription');
    expect(rejections).to.deep.equal([]);
  });
});
