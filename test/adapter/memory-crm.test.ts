/**
 * Issue 16, "Done when": an adapter written from the docs alone (test/adapter/memory-crm.ts, no demo backend, no
 * internal module) passes the whole conformance suite and renders all six elements.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/all.js';
import { provideBackend } from '../../src/index.js';
import { describeConformance } from '../../src/testing/index.js';
import { createMemoryCrm } from './memory-crm.js';

// (a) Every check of the suite, none skipped: docs/adapter.md marks no check as optional.
describeConformance('conformance: memory-crm adapter (written from the docs)', () => createMemoryCrm());

/** The visible text of a shadow root, slots and nested shadow roots included. */
function textOf(node: Node | null | undefined): string {
  if (!node) return '';
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) text += child.textContent ?? '';
    else if (child instanceof Element) {
      if (child.shadowRoot) text += textOf(child.shadowRoot);
      text += ` ${textOf(child)} `;
    }
  }
  return text.replace(/\s+/g, ' ');
}

async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// (b) All six elements with the adapter, through provideBackend.
describe('memory-crm adapter renders all six elements', function () {
  this.timeout(20_000);

  it('shows each element with its content (not loading, not an error), accessibly', async () => {
    const { backend, control, dispose } = createMemoryCrm();
    // Some state so that every element has something of this tenant to show.
    const grant = await backend.createGrant({ grantee: { kind: 'employee', id: 'emp-ilse' }, dataExport: false, duration: '4h' });
    await control.startSupportLogin('Lohnlauf prüfen');
    await control.pushSupportMessage('Grüß Gott, wie können wir helfen?', 'Ilse Brandner');
    const root = await fixture<HTMLDivElement>(html`<div lang="en">
      <about-tenant></about-tenant>
      <support-contact></support-contact>
      <callback-scheduler></callback-scheduler>
      <support-unlock-dialog inline tab="grant"></support-unlock-dialog>
      <support-access-indicator></support-access-indicator>
      <support-chat-panel></support-chat-panel>
    </div>`);
    provideBackend(root, backend);
    const expectations: [string, RegExp][] = [
      ['about-tenant', /Kessler CRM/],
      ['support-contact', /\+43 1 234 56 78/],
      ['callback-scheduler', /Payroll/],
      ['support-unlock-dialog', /Ilse Brandner/],
      ['support-access-indicator', /Ilse Brandner|since/i],
      ['support-chat-panel', /Grüß Gott, wie können wir helfen\?/],
    ];
    for (const [tag, pattern] of expectations) {
      const el = root.querySelector(tag)!;
      const text = () => textOf(el.shadowRoot);
      await until(() => pattern.test(text()) && !/Loading/i.test(text()), 8000, `${tag} to show its data: ${text()}`);
      expect(text(), tag).not.to.match(/not available|went wrong|invalid response|took too long/i);
      await expect(el).to.be.accessible();
    }
    expect(grant.endsAt).to.be.instanceOf(Date);
    await dispose?.();
  });
});
