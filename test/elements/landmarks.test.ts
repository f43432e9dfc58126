/**
 * Two copies of one element on a page — inline and as a popup, or twice inline — make no landmarks with the same
 * name (axe `landmark-unique`, issue 15): an element's card is a named group, not a region landmark; the host owns
 * the page's landmarks.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/define/all.js';
import type { ModalSupportElement } from '../../src/internal/modal-element.js';
import { middayToday, testBackends, until } from '../helpers/backend.js';

type AxeResults = { violations: { id: string; nodes: unknown[] }[] };
declare const axe: { run(context: unknown, options: unknown): Promise<AxeResults> };

const clock = middayToday();
/** Every element below `root` with an explicit role, through shadow roots. */
function roles(root: ParentNode, role: string): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.getAttribute('role') === role) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return found;
}

describe('one element twice on a page', function () {
  this.timeout(30_000);
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends({ locale: 'en', now: clock });
  });
  afterEach(async () => {
    fixtureCleanup();
    await env.cleanup();
  });

  for (const tag of ['about-tenant', 'support-contact', 'callback-scheduler']) {
    it(`<${tag}> inline and as an open popup: no duplicate landmark, axe clean`, async () => {
      const container = await fixture<HTMLElement>(html`<div lang="en"></div>`);
      const inline = Object.assign(document.createElement(tag) as ModalSupportElement, { backend: env.cached, now: clock });
      const popup = Object.assign(document.createElement(tag) as ModalSupportElement, { backend: env.cached, now: clock });
      popup.modal = true;
      container.append(inline, popup);
      popup.show();
      await until(() => popup.shadowRoot?.querySelector('dialog[open]'), 3000, 'the open popup');
      await inline.updateComplete;
      await popup.updateComplete;
      expect(roles(container, 'region'), 'region landmarks').to.have.length(0);
      expect(roles(inline.shadowRoot!, 'group'), 'the inline card is a named group').to.not.have.length(0);
      // chai-a11y-axe loads axe-core; then the landmark rules over the whole page.
      await expect(inline).to.be.accessible();
      const results = await axe.run(document, { runOnly: ['landmark-unique'] });
      expect(results.violations.map((v) => v.id)).to.deep.equal([]);
      popup.open = false;
    });
  }

  it('two inline unlock dialogs with their tables: no duplicate landmark', async () => {
    const container = await fixture<HTMLElement>(html`<div lang="en">
      <support-unlock-dialog inline tab="grants" .backend=${env.cached} .now=${clock}></support-unlock-dialog>
      <support-unlock-dialog inline tab="grants" .backend=${env.cached} .now=${clock}></support-unlock-dialog>
    </div>`);
    const tables = () => container.querySelectorAll('support-unlock-dialog').length === 2 && roles(container, 'group').filter((g) => g.matches('.table-wrap')).length === 2;
    await until(tables, 8000, 'both grants tables');
    expect(roles(container, 'region'), 'region landmarks').to.have.length(0);
    await expect(container).to.be.accessible();
    const results = await axe.run(document, { runOnly: ['landmark-unique'] });
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });
});
