import { expect } from '@open-wc/testing';

// The generated API docs (docs/api/*.md, from custom-elements.json by scripts/generate.mjs) must not contradict
// themselves: an attribute and the property it sets have one default, one type and one description, in the manifest
// and in both tables of the page.

interface Member {
  kind: string;
  name: string;
  default?: string;
  type?: { text: string };
  attribute?: string;
  description?: string;
}
interface Attribute {
  name: string;
  fieldName?: string;
  default?: string;
  type?: { text: string };
  description?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  members?: Member[];
  attributes?: Attribute[];
}

const text = async (path: string) => {
  const response = await fetch(path);
  expect(response.ok, path).to.equal(true);
  return response.text();
};
/** The text at `path`, or `null` when there is none (not every element has an API page). */
const maybeText = async (path: string) => {
  const response = await fetch(path);
  return response.ok ? response.text() : null;
};

/** The rows of the table under `### heading`: cells by column name. */
function table(markdown: string, heading: string): Record<string, string>[] {
  const start = markdown.indexOf(`### ${heading}\n`);
  if (start === -1) return [];
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first === -1) return [];
  const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  const block = lines.slice(first, end === -1 ? undefined : end);
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const [head, , ...body] = block;
  if (!head) return [];
  const names = cells(head);
  return body.map((line) => Object.fromEntries(cells(line).map((c, i) => [names[i], c])));
}

describe('generated API docs', () => {
  let elements: Declaration[];
  before(async () => {
    const manifest = JSON.parse(await text('/custom-elements.json')) as { modules: { declarations?: Declaration[] }[] };
    elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    expect(elements.length).to.be.greaterThan(5);
  });

  it('the manifest gives an attribute and its property the same default and type', () => {
    const contradictions: string[] = [];
    for (const el of elements) {
      for (const attr of el.attributes ?? []) {
        const field = (el.members ?? []).find((m) => m.kind === 'field' && m.name === attr.fieldName);
        if (!field) continue;
        if ((field.default ?? '') !== (attr.default ?? '')) contradictions.push(`${el.tagName} ${attr.name}: default ${attr.default} vs ${field.default}`);
        if ((field.type?.text ?? '') !== (attr.type?.text ?? '')) contradictions.push(`${el.tagName} ${attr.name}: type ${attr.type?.text} vs ${field.type?.text}`);
      }
    }
    expect(contradictions).to.deep.equal([]);
  });

  it('each page lists an attribute with the same default, type and description in both tables', async () => {
    const contradictions: string[] = [];
    let pages = 0;
    for (const el of elements) {
      const page = await maybeText(`/docs/api/${el.tagName}.md`);
      if (page === null) continue;
      pages += 1;
      const attributes = table(page, 'Attributes');
      const properties = table(page, 'Properties');
      expect(attributes.length, `${el.tagName}: attribute rows`).to.be.greaterThan(0);
      for (const row of attributes) {
        const twin = properties.find((p) => p['Property'] === row['Property']);
        if (!twin) continue;
        for (const column of ['Default', 'Type', 'Description']) {
          if (twin[column] !== row[column]) contradictions.push(`${el.tagName} ${row['Attribute']}: ${column} ${row[column]} vs ${twin[column]}`);
        }
      }
    }
    expect(pages).to.be.greaterThan(4);
    expect(contradictions).to.deep.equal([]);
  });

  it('notices a contradiction (the check itself)', () => {
    const page = [
      '### Attributes',
      '',
      '| Attribute | Property | Type | Default | Description |',
      '| --- | --- | --- | --- | --- |',
      '| `modal` | `modal` | `boolean` | `false` | Modal. |',
      '',
      '### Properties',
      '',
      '| Property | Attribute | Type | Default | Description |',
      '| --- | --- | --- | --- | --- |',
      '| `modal` | `modal` | `boolean` | `true` | Modal. |',
    ].join('\n');
    expect(table(page, 'Attributes')[0]!['Default']).to.equal('`false`');
    expect(table(page, 'Properties')[0]!['Default']).to.equal('`true`');
  });
});
