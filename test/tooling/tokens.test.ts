import { expect } from '@open-wc/testing';
import { CSSResult } from 'lit';
import { testBackends } from '../helpers/backend.js';
import { waitFor } from '../helpers/wait.js';

// Every `--support-*` custom property used in src/ is documented (`@cssproperty`, so in the manifest's cssProperties)
// on each element that uses it, and no element documents one it does not use (after Material Web's tokens test).
//
// "Used by an element" means: read with var() in the element's own styles (its `elementStyles`: the shared tokens and
// base styles plus its own, and the styles of the views it loads on demand), directly or through the private `--_*` variables the shared tokens define — counted
// only when that private variable is itself read — or named in the source of a module in the element's folder (a
// style attribute in a template, say).

interface ManifestElement {
  name: string;
  tagName: string;
  cssProperties?: { name: string }[];
}
interface ManifestModule {
  path: string;
  declarations?: ManifestElement[];
}

const TOKEN = /--support-[a-z0-9-]+/g;

/** The --support-* tokens a stylesheet really reads. */
export function tokensReadBy(cssText: string): Set<string> {
  const css = cssText.replace(/\/\*[\s\S]*?\*\//g, '');
  const definitions = new Map<string, Set<string>>(); // --_x → the variables its value reads
  const roots = new Set<string>(); // variables read by ordinary declarations (and by --support-* overrides)
  for (const [, property, value] of css.matchAll(/([-\w]+)\s*:\s*([^;{}]+)[;}]/g)) {
    const reads = new Set([...value!.matchAll(/var\(\s*(--[-\w]+)/g)].map((m) => m[1]!));
    if (property!.startsWith('--_')) {
      const known = definitions.get(property!) ?? new Set<string>();
      reads.forEach((r) => known.add(r));
      definitions.set(property!, known);
    } else {
      reads.forEach((r) => roots.add(r));
    }
  }
  const used = new Set<string>();
  const visit = (name: string) => {
    if (used.has(name)) return;
    used.add(name);
    definitions.get(name)?.forEach(visit);
  };
  roots.forEach(visit);
  return new Set([...used].filter((name) => name.startsWith('--support-')));
}

/** Source text without comments (the JSDoc lists the documented tokens; that is not a use). */
async function sourceWithoutComments(path: string): Promise<string> {
  const text = await (await fetch(`/${path}`)).text();
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const sorted = (set: Iterable<string>) => [...set].sort();

describe('design tokens (--support-*)', () => {
  it('reads a token through the private variables only when they are read', () => {
    const css = `:host { --_a: var(--support-a, red); --_b: var(--support-b, blue); --_c: var(--_a); }
      @media (prefers-color-scheme: dark) { :host { --_b: var(--support-b-dark, navy); } }
      .x:hover { color: var(--_c); } dialog::backdrop { background: var(--support-backdrop, black); }`;
    expect(sorted(tokensReadBy(css))).to.deep.equal(['--support-a', '--support-backdrop']);
  });

  it('documents on each element exactly the tokens it uses, and every token used in src/', async function () {
    this.timeout(60_000); // it fetches every source module once
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: ManifestModule[] };
    const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, module: m.path })));
    expect(elements.length).to.be.greaterThan(0);
    const sources = new Map(await Promise.all(manifest.modules.map(async (m) => [m.path, await sourceWithoutComments(m.path)] as const)));

    const problems: string[] = [];
    const documentedAnywhere = new Set<string>();
    for (const el of elements) {
      const folder = el.module.slice(0, el.module.lastIndexOf('/'));
      await import(/* @vite-ignore */ `/${folder}/define.ts`);
      const elementClass = customElements.get(el.tagName) as unknown as { elementStyles: { cssText: string }[] };
      // Its styles, and every stylesheet a module of its folder exports (its internal elements' and popup contents' styles).
      const sheets = elementClass.elementStyles.map((s) => s.cssText);
      const folderModules = manifest.modules.filter((m) => m.path.startsWith(`${folder}/`));
      for (const m of folderModules) {
        const exports = (await import(/* @vite-ignore */ `/${m.path}`)) as Record<string, unknown>;
        for (const value of Object.values(exports)) if (value instanceof CSSResult) sheets.push(value.cssText);
      }
      const used = tokensReadBy(sheets.join('\n'));
      for (const m of folderModules) {
        for (const [token] of sources.get(m.path)!.matchAll(TOKEN)) used.add(token);
      }
      const documented = new Set((el.cssProperties ?? []).map((p) => p.name));
      documented.forEach((t) => documentedAnywhere.add(t));
      const undocumented = sorted(used).filter((t) => !documented.has(t));
      const unused = sorted(documented).filter((t) => !used.has(t));
      if (undocumented.length) problems.push(`<${el.tagName}> uses but does not document (@cssproperty): ${undocumented.join(', ')}`);
      if (unused.length) problems.push(`<${el.tagName}> documents but does not use: ${unused.join(', ')}`);
    }

    // Any --support-* token anywhere in src/ (the manifest lists every module but styles and strings; element
    // styles were read above) must be documented by some element.
    const inSource = new Set<string>();
    for (const source of sources.values()) for (const [token] of source.matchAll(TOKEN)) inSource.add(token);
    const nowhere = sorted(inSource).filter((t) => !documentedAnywhere.has(t));
    if (nowhere.length) problems.push(`used in src/ but documented by no element: ${nowhere.join(', ')}`);

    expect(problems).to.deep.equal([]);
  });
});

describe('the example dark theme (themes/dark.css)', () => {
  it('sets only documented tokens and styles only parts that exist', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: (ManifestElement & { cssParts?: { name: string }[] })[] }[];
    };
    const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName));
    const tokens = new Set(elements.flatMap((el) => (el.cssProperties ?? []).map((p) => p.name)));
    const parts = new Set(elements.flatMap((el) => (el.cssParts ?? []).map((p) => p.name)));
    const css = (await (await fetch('/themes/dark.css')).text()).replace(/\/\*[\s\S]*?\*\//g, '');

    const set = [...css.matchAll(/(--support-[a-z0-9-]+)\s*:/g)].map((m) => m[1]!);
    const styled = [...css.matchAll(/::part\(([-\w]+)\)/g)].map((m) => m[1]!);
    expect(set.length).to.be.greaterThan(10);
    expect(styled.length).to.be.greaterThan(0);
    expect(set.filter((t) => !tokens.has(t)), 'tokens no element documents').to.deep.equal([]);
    expect(styled.filter((p) => !parts.has(p)), 'parts no element has').to.deep.equal([]);
  });

  it('changes the colours of an element inside .support-theme-dark, and keeps it accessible (contrast)', async function () {
    this.timeout(20_000); // axe, in a browser shared with other test files
    await import('../../src/elements/about-tenant/define.js');
    const env = testBackends();
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/themes/dark.css' });
    const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
    document.head.append(link);
    await loaded;
    const box = document.createElement('div');
    box.className = 'support-theme-dark';
    const el = document.createElement('about-tenant');
    el.lang = 'en';
    el.backend = env.cached;
    box.append(el);
    document.body.append(box);
    try {
      await waitFor(() => el.info.state === 'fresh', 5000, 'fresh tenant info');
      await el.updateComplete;
      expect(getComputedStyle(el).getPropertyValue('--support-color-surface').trim()).to.equal('#161b22');
      // The element's own text colour and its card come from the theme's tokens.
      expect(getComputedStyle(el).color).to.equal('rgb(230, 234, 240)');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!).backgroundColor).to.equal('rgb(22, 27, 34)');
      await expect(el).to.be.accessible();
    } finally {
      box.remove();
      link.remove();
      await env.cleanup();
    }
  });
});
