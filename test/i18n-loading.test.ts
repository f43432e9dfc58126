import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import '../src/elements/about-tenant/define.js';
import type { AboutTenant } from '../src/elements/about-tenant/about-tenant.js';
import { aboutTenantTranslations } from '../src/elements/about-tenant/about-tenant.i18n.js';
import { commonTranslations } from '../src/internal/common.i18n.js';
import { type Localized, type Translations, defineTranslations, loadLanguage, tableFor } from '../src/internal/localize.js';
import { SupportElement, type Translator } from '../src/internal/support-element.js';
import { testBackends, textOf, until } from './helpers/backend.js';

type ProbeMessages = { hello: string; greet: (name: string) => string };

/** A table whose German loader counts its calls, waits `delayMs`, and fails while `fail` is set. */
function probeTable(delayMs = 30) {
  const loader = { calls: 0, fail: false };
  const table = defineTranslations<ProbeMessages>({
    en: { hello: 'Hello', greet: (name) => `Hi ${name}` },
    de: async () => {
      loader.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (loader.fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { hello: 'Hallo', greet: (name) => `Servus ${name}` };
    },
  });
  return { table, loader };
}

/** An element reading `I18nProbe.table` (set before each fixture); records the text of every render. */
class I18nProbe extends SupportElement {
  static table: Translations<ProbeMessages>;
  readonly t: Translator<ProbeMessages> = this.translator(I18nProbe.table);
  readonly renders: string[] = [];
  override render() {
    return html`<p>${this.t('hello')} · ${this.t('greet', 'Anna')} · ${this.t('close')}</p>`;
  }
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.renders.push(textOf(this.shadowRoot));
  }
}
I18nProbe.define('i18n-probe');

/** Records the text of every render of the elements of `tag`, from the first one on, until `restore()`. */
function recordRenders(tag: string): { renders: string[]; restore(): void } {
  const renders: string[] = [];
  const proto = customElements.get(tag)!.prototype as { updated(changed: PropertyValues): void; shadowRoot: ShadowRoot };
  const own = Object.getOwnPropertyDescriptor(proto, 'updated');
  const updated = proto.updated;
  proto.updated = function (this: typeof proto, changed) {
    updated.call(this, changed);
    renders.push(textOf(this.shadowRoot));
  };
  return {
    renders,
    restore: () => (own ? Object.defineProperty(proto, 'updated', own) : delete (proto as Partial<typeof proto>).updated),
  };
}

describe('German strings load on demand', () => {
  afterEach(() => {
    fixtureCleanup();
    document.documentElement.lang = 'en';
  });

  // First in this file (its own page): nothing has loaded German yet.
  it('an English page never loads German, not even for the common strings', async () => {
    const env = testBackends();
    try {
      const { renders, restore } = recordRenders('about-tenant');
      const el = await fixture<AboutTenant>(html`<about-tenant lang="en" .backend=${env.cached}></about-tenant>`);
      restore();
      await until(() => el.info.state === 'fresh');
      await el.updateComplete;
      expect(renders[0]).to.contain('Loading');
      expect(textOf(el.shadowRoot)).to.contain('Tenant name');
      expect(tableFor(aboutTenantTranslations, 'de'), 'about-tenant German').to.be.undefined;
      expect(tableFor(commonTranslations, 'de'), 'common German').to.be.undefined;

      const { table, loader } = probeTable();
      I18nProbe.table = table;
      const probe = await fixture<I18nProbe>(html`<i18n-probe lang="en-GB"></i18n-probe>`);
      probe.requestUpdate();
      await probe.updateComplete;
      expect(probe.t('hello')).to.equal('Hello');
      expect(probe.renders).to.deep.equal(['Hello · Hi Anna · Close', 'Hello · Hi Anna · Close']);
      expect(loader.calls).to.equal(0);
      expect(tableFor(table, 'de')).to.be.undefined;
    } finally {
      fixtureCleanup();
      await env.cleanup();
    }
  });

  it('a German element renders German from its first frame (no English flash)', async () => {
    const env = testBackends();
    try {
      const { renders, restore } = recordRenders('about-tenant');
      const el = await fixture<AboutTenant>(html`<about-tenant lang="de" .backend=${env.cached}></about-tenant>`);
      try {
        expect(renders.length, 'rendered once fixture() resolved').to.be.greaterThan(0);
        expect(renders[0]).to.contain('Wird geladen');
        expect(textOf(el.shadowRoot)).not.to.contain('Loading');
        await until(() => el.info.state === 'fresh');
        await el.updateComplete;
        expect(textOf(el.shadowRoot)).to.contain('Mandantenname');
        for (const text of renders) expect(text).not.to.match(/Loading|Tenant name|Updated/);
      } finally {
        restore();
      }
    } finally {
      fixtureCleanup();
      await env.cleanup();
    }

    const { table, loader } = probeTable(80);
    I18nProbe.table = table;
    const probe = await fixture<I18nProbe>(html`<i18n-probe lang="de-AT"></i18n-probe>`);
    expect(probe.renders).to.deep.equal(['Hallo · Servus Anna · Schließen']);
    expect(loader.calls).to.equal(1);
  });

  it('switching <html lang> from en to de re-renders in German, with no English render in between', async () => {
    const { table, loader } = probeTable(50);
    I18nProbe.table = table;
    const el = await fixture<I18nProbe>(html`<i18n-probe></i18n-probe>`);
    expect(el.renders).to.deep.equal(['Hello · Hi Anna · Close']);
    expect(loader.calls).to.equal(0);
    document.documentElement.lang = 'de';
    await until(() => el.renders.length === 2);
    await el.updateComplete;
    expect(el.renders).to.deep.equal(['Hello · Hi Anna · Close', 'Hallo · Servus Anna · Schließen']);
    document.documentElement.lang = 'en';
    await until(() => el.renders.length === 3);
    expect(el.renders[2]).to.equal('Hello · Hi Anna · Close');
    document.documentElement.lang = 'de';
    await until(() => el.renders.length === 4);
    expect(el.renders[3]).to.equal('Hallo · Servus Anna · Schließen');
    expect(loader.calls, 'loaded once').to.equal(1);
  });

  it('outside an update, a table still loading answers in English, then the element updates in German', async () => {
    const { table } = probeTable(50);
    I18nProbe.table = table;
    const el = await fixture<I18nProbe>(html`<i18n-probe lang="en"></i18n-probe>`);
    el.setAttribute('lang', 'de');
    expect(el.t('hello'), 'called before the update').to.equal('Hello');
    expect(el.t('greet', 'Anna')).to.equal('Hi Anna');
    await el.updateComplete;
    expect(el.t('hello')).to.equal('Hallo');
    expect(el.renders).to.deep.equal(['Hello · Hi Anna · Close', 'Hallo · Servus Anna · Schließen']);
  });

  it('a German table that fails to load: English, no throw, one warning, another try after the next language change', async () => {
    const { table, loader } = probeTable(10);
    loader.fail = true;
    I18nProbe.table = table;
    const warnings: unknown[][] = [];
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const el = await fixture<I18nProbe>(html`<i18n-probe lang="de"></i18n-probe>`);
      // The common German strings loaded; the probe's own fell back to English.
      expect(el.renders).to.deep.equal(['Hello · Hi Anna · Schließen']);
      expect(loader.calls).to.equal(1);
      // Further updates neither retry nor loop.
      el.requestUpdate();
      await el.updateComplete;
      expect(el.t('hello')).to.equal('Hello');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(loader.calls).to.equal(1);
      expect(el.renders).to.have.length(2);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('could not load the "de" strings');
      expect(await loadLanguage(table, 'de'), 'loadLanguage resolves, never rejects').to.be.undefined;

      // The next change of language tries again.
      loader.fail = false;
      el.lang = 'en';
      await el.updateComplete;
      el.lang = 'de';
      await el.updateComplete;
      expect(loader.calls).to.equal(2);
      expect(el.renders.at(-1)).to.equal('Hallo · Servus Anna · Schließen');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rejections).to.deep.equal([]);
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });

  it('keeps the German tables typed from the English ones', () => {
    type En = { a: string; f: (n: number) => string };
    const ok: Localized<En> = { a: 'A', f: (n) => `${n}` };
    // @ts-expect-error a German table lacking a key does not compile
    const missing: Localized<En> = { a: 'A' };
    // @ts-expect-error nor one with a key English lacks
    const extra: Localized<En> = { a: 'A', f: (n) => `${n}`, b: 'B' };
    // @ts-expect-error nor one whose message takes other parameters
    const wrong: Localized<En> = { a: 'A', f: (n: string) => n };
    expect([ok, missing, extra, wrong]).to.have.length(4);
  });
});
