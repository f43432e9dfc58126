import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as React from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as wrappers from '../../src/react/index.js';
import { AboutTenant } from '../../src/react/about-tenant.js';
import { AboutTenant as AboutTenantElement } from '../../src/elements/about-tenant/about-tenant.js';
import type { SupportEventDetails } from '../../src/index.js';
import { testBackends, textOf } from '../helpers/backend.js';
import { waitFor } from '../helpers/wait.js';

// Tells React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface ManifestElement {
  name: string;
  tagName: string;
  events?: { name: string }[];
}

/** The elements of the committed manifest, the source the wrappers are generated from. */
async function manifestElements(): Promise<ManifestElement[]> {
  const manifest = await (await fetch('/custom-elements.json')).json();
  return manifest.modules.flatMap((m: { declarations?: ManifestElement[] }) => (m.declarations ?? []).filter((d) => d.tagName));
}

const eventProp = (event: string) => `on${event.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`;

describe('React wrappers (support-widgets/react)', () => {
  let container: HTMLElement;
  let root: Root;
  const render = (node: React.ReactNode) => act(async () => root.render(node));

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });

  it('has a wrapper for every element in the manifest that renders its registered tag', async () => {
    const elements = await manifestElements();
    expect(elements.length).to.be.greaterThan(0);
    for (const el of elements) {
      const Wrapper = (wrappers as Record<string, unknown>)[el.name] as React.ComponentType<Record<string, unknown>> & { displayName?: string };
      expect(Wrapper, `wrapper for <${el.tagName}>`).to.exist;
      expect(Wrapper.displayName).to.equal(el.name);
      const ref = React.createRef<HTMLElement>();
      await render(React.createElement(Wrapper, { ref, lang: 'de' }));
      expect(ref.current?.localName).to.equal(el.tagName);
      expect(ref.current).to.be.instanceOf(customElements.get(el.tagName)!);
      expect(ref.current!.lang).to.equal('de');
    }
  });

  it('hands every event of every element to its on… prop, and stops when the prop is gone', async () => {
    for (const el of await manifestElements()) {
      const Wrapper = (wrappers as Record<string, unknown>)[el.name] as React.ComponentType<Record<string, unknown>>;
      for (const { name } of el.events ?? []) {
        const received: Event[] = [];
        const ref = React.createRef<HTMLElement>();
        await render(React.createElement(Wrapper, { ref, [eventProp(name)]: (e: Event) => received.push(e) }));
        const event = new CustomEvent(name, { detail: { probe: name }, bubbles: true, composed: true });
        ref.current!.dispatchEvent(event);
        expect(received, `<${el.tagName}> ${eventProp(name)}`).to.deep.equal([event]);
        await render(React.createElement(Wrapper, { ref }));
        ref.current!.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
        expect(received.length, `<${el.tagName}> ${name} after the prop is removed`).to.equal(1);
      }
    }
  });

  describe('<AboutTenant>', () => {
    let env: ReturnType<typeof testBackends>;
    beforeEach(() => {
      env = testBackends();
    });
    afterEach(() => env.cleanup());

    it('passes objects as properties and reports a real copy through onSupportCopy', async function () {
      this.timeout(20_000); // axe and a real key press, in a browser shared with other test files
      let copied!: (detail: SupportEventDetails['support-copy']) => void;
      const copy = new Promise<SupportEventDetails['support-copy']>((resolve) => (copied = resolve));
      const ref = React.createRef<AboutTenantElement>();
      await render(
        React.createElement(AboutTenant, {
          ref,
          backend: env.cached,
          lang: 'en',
          // Typed by the wrapper: e is CustomEvent<{ text: string; success: boolean }>.
          onSupportCopy: (e) => copied(e.detail),
        }),
      );
      const el = ref.current!;
      expect(el).to.be.instanceOf(AboutTenantElement);
      expect(el.backend).to.equal(env.cached);
      await waitFor(() => el.info.state === 'fresh', 5000, 'fresh tenant info');
      await el.updateComplete;
      expect(textOf(el.shadowRoot)).to.contain('musterimmo');
      await expect(el).to.be.accessible();

      (el.shadowRoot!.querySelector('[part="copy-button"]') as HTMLButtonElement).focus();
      await sendKeys({ press: 'Enter' });
      expect((await copy).text).to.equal('musterimmo');
    });

    it('opens and closes the popup from boolean props, with onSupportOpen / onSupportClose', async () => {
      const seen: string[] = [];
      const ref = React.createRef<AboutTenantElement>();
      let opened!: () => void;
      let closed!: () => void;
      const open = new Promise<void>((resolve) => (opened = resolve));
      const close = new Promise<void>((resolve) => (closed = resolve));
      const props = {
        ref,
        backend: env.cached,
        lang: 'en',
        modal: true,
        onSupportOpen: () => (seen.push('open'), opened()),
        onSupportClose: () => (seen.push('close'), closed()),
      };
      await render(React.createElement(AboutTenant, { ...props, open: true }));
      const el = ref.current!;
      await open;
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
      await render(React.createElement(AboutTenant, { ...props, open: false }));
      await close;
      expect(el.open).to.equal(false);
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
      expect(seen).to.deep.equal(['open', 'close']);
    });
  });
});
