import { expect } from '@open-wc/testing';

// The editor data generated from custom-elements.json (scripts/generate.mjs) lists every element with every
// attribute, event, CSS part and CSS custom property the manifest declares, and package.json points editors at it.

interface Named {
  name: string;
}
interface ManifestElement {
  name: string;
  tagName: string;
  attributes?: (Named & { type?: { text: string } })[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
}
interface VsCodeData {
  version: number;
  tags: { name: string; description: { kind: string; value: string }; attributes: (Named & { valueSet?: string; values?: Named[] })[] }[];
}
interface WebTypes {
  name: string;
  version: string;
  contributions: {
    html: {
      elements: {
        name: string;
        description: string;
        attributes: Named[];
        events: Named[];
        slots?: Named[];
        js: { properties: Named[]; events: Named[] };
        css: { parts: Named[]; properties: Named[] };
      }[];
    };
  };
}

const json = async <T>(path: string): Promise<T> => (await (await fetch(path)).json()) as T;
const names = (list: Named[] | undefined) => (list ?? []).map((x) => x.name).sort();

describe('editor data (VS Code custom data, JetBrains web-types)', () => {
  let elements: ManifestElement[];
  let pkg: { name: string; version: string; 'web-types': string; customElements: string; files: string[] };
  before(async () => {
    const manifest = await json<{ modules: { declarations?: ManifestElement[] }[] }>('/custom-elements.json');
    elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName));
    pkg = await json('/package.json');
  });

  it('package.json points editors at the files', () => {
    expect(pkg['web-types']).to.equal('./web-types.json');
    expect(pkg.customElements).to.equal('custom-elements.json');
    expect(pkg.files).to.include.members(['web-types.json', 'vscode.html-custom-data.json', 'custom-elements.json']);
  });

  it('VS Code custom data lists every element and attribute of the manifest', async () => {
    const data = await json<VsCodeData>('/vscode.html-custom-data.json');
    expect(data.version).to.equal(1.1);
    expect(data.tags.map((t) => t.name).sort()).to.deep.equal(elements.map((e) => e.tagName).sort());
    for (const el of elements) {
      const tag = data.tags.find((t) => t.name === el.tagName)!;
      expect(names(tag.attributes), `<${el.tagName}> attributes`).to.deep.equal(names(el.attributes));
      expect(tag.description.kind).to.equal('markdown');
      for (const part of el.cssParts ?? []) expect(tag.description.value).to.contain(`::part(${part.name})`);
      for (const event of el.events ?? []) expect(tag.description.value).to.contain(`\`${event.name}\``);
      // Boolean attributes are offered without a value.
      for (const attribute of el.attributes ?? []) {
        const entry = tag.attributes.find((a) => a.name === attribute.name)!;
        if (attribute.type?.text === 'boolean') expect(entry.valueSet, `${el.tagName} ${attribute.name}`).to.equal('v');
      }
    }
  });

  it('web-types list every element with its attributes, events, slots, parts and custom properties', async () => {
    const data = await json<WebTypes>('/web-types.json');
    expect(data.name).to.equal(pkg.name);
    expect(data.version).to.equal(pkg.version);
    const listed = data.contributions.html.elements;
    expect(listed.map((e) => e.name).sort()).to.deep.equal(elements.map((e) => e.tagName).sort());
    for (const el of elements) {
      const entry = listed.find((e) => e.name === el.tagName)!;
      const label = `<${el.tagName}>`;
      expect(names(entry.attributes), `${label} attributes`).to.deep.equal(names(el.attributes));
      expect(names(entry.events), `${label} events`).to.deep.equal(names(el.events));
      expect(names(entry.js.events), `${label} js events`).to.deep.equal(names(el.events));
      expect(names(entry.slots), `${label} slots`).to.deep.equal(names(el.slots));
      expect(names(entry.css.parts), `${label} parts`).to.deep.equal(names(el.cssParts));
      expect(names(entry.css.properties), `${label} custom properties`).to.deep.equal(names(el.cssProperties));
      expect(names(entry.js.properties), `${label} properties`).to.include.members(['backend', 'lang']);
    }
  });
});
