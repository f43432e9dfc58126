#!/usr/bin/env node
// Everything derived from custom-elements.json (run by `npm run analyze` after the analyzer; `npm run docs` for the
// docs alone):
//   src/react/<tag>.ts, src/react/index.ts   React wrappers (@lit/react) with typed props and `onSupport…` events
//   vscode.html-custom-data.json            VS Code HTML custom data (`html.customData`)
//   web-types.json                          JetBrains web-types (package.json "web-types")
//   docs/<tag>.md between <!-- api:start --> and <!-- api:end -->, else docs/api/<tag>.md; docs/api/README.md
// `--check` writes nothing and exits 1 when a file is stale (CI, through `npm run check:manifest`).
// `--only react|editors|docs` limits the run to one group.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER = 'Generated from custom-elements.json by scripts/generate.mjs (`npm run analyze`). Do not edit.';
export const API_START = '<!-- api:start -->';
export const API_END = '<!-- api:end -->';
export const TOKENS_START = '<!-- tokens:start -->';
export const TOKENS_END = '<!-- tokens:end -->';

// ------------------------------------------------------------------------------------------------- manifest
const isPublic = (member) => (!member.privacy || member.privacy === 'public') && !member.name.startsWith('#') && !member.static;

/** The elements of a manifest (declarations with a tag), sorted by tag, with their public API. */
export function elementsOf(manifest) {
  const elements = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const members = (d.members ?? []).filter(isPublic);
      elements.push({
        tag: d.tagName,
        className: d.name,
        module: mod.path,
        folder: dirname(mod.path),
        summary: d.summary ?? '',
        description: d.description ?? '',
        attributes: (d.attributes ?? []).filter((a) => !a.name.startsWith('#')),
        properties: members.filter((m) => m.kind === 'field'),
        methods: members.filter((m) => m.kind === 'method'),
        events: d.events ?? [],
        slots: d.slots ?? [],
        cssParts: d.cssParts ?? [],
        cssProperties: d.cssProperties ?? [],
      });
    }
  }
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

/**
 * The detail types of the `support-*` events: every `interface SupportEventDetails` in src/ (the base one and each
 * element's augmentation), read with the TypeScript parser. Returns name → type text.
 */
export function eventDetailTypes(root = ROOT) {
  const details = new Map();
  const visit = (node, file) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'SupportEventDetails') {
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && member.type) {
          const name = member.name.getText(file).replace(/^['"]|['"]$/g, '');
          details.set(name, member.type.getText(file).replace(/\s+/g, ' '));
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, file));
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        if (!text.includes('SupportEventDetails')) continue;
        const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
        visit(file, file);
      }
    }
  };
  walk(join(root, 'src'));
  return details;
}

/** `support-request-close` → `onSupportRequestClose`. */
export const reactEventProp = (event) => `on${event.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c) => c.toUpperCase())}`;

// ------------------------------------------------------------------------------------------------- React
function reactWrapper(el) {
  const folder = relative('src/react', el.folder).split('\\').join('/');
  const classFile = `${folder}/${el.module.split('/').pop().replace(/\.ts$/, '.js')}`;
  const supportEvents = el.events.filter((e) => e.name.startsWith('support-'));
  const otherEvents = el.events.filter((e) => !e.name.startsWith('support-'));
  const lines = [
    `// ${HEADER}`,
    `import * as React from 'react';`,
    `import { createComponent${el.events.length ? ', type EventName' : ''} } from '@lit/react';`,
    `import { ${el.className} as ${el.className}Element } from '${classFile}';`,
    `import '${folder}/define.js';`,
    ...(supportEvents.length ? [`import type { SupportCustomEvent } from '../internal/events.js';`] : []),
    '',
    `/**`,
    ` * React component for \`<${el.tag}>\`${el.summary ? `: ${el.summary.replace(/\*\//g, '*\\/')}` : '.'}`,
    ` * Props are the element's properties; events are \`${el.events.length ? reactEventProp(el.events[0].name) : 'on…'}\`-style props.`,
    ` */`,
    `export const ${el.className} = createComponent({`,
    `  tagName: '${el.tag}',`,
    `  elementClass: ${el.className}Element,`,
    `  react: React,`,
    `  events: {`,
    ...supportEvents.map((e) => `    ${reactEventProp(e.name)}: '${e.name}' as EventName<SupportCustomEvent<'${e.name}'>>,`),
    ...otherEvents.map((e) => `    ${reactEventProp(e.name)}: '${e.name}' as EventName<Event>,`),
    `  },`,
    `  displayName: '${el.className}',`,
    `});`,
    '',
  ];
  return lines.join('\n');
}

function reactFiles(elements) {
  const files = new Map();
  for (const el of elements) files.set(`src/react/${el.tag}.ts`, reactWrapper(el));
  files.set(
    'src/react/index.ts',
    [
      `// ${HEADER}`,
      `// React components for every element: \`import { ${elements[0]?.className ?? 'AboutTenant'} } from 'support-widgets/react'\`, or one at a time`,
      `// from 'support-widgets/react/<tag>'. Needs react and @lit/react.`,
      ...elements.map((el) => `export { ${el.className} } from './${el.tag}.js';`),
      '',
    ].join('\n'),
  );
  return files;
}

// ------------------------------------------------------------------------------------------------- editors
/** `'a' | 'b'` → ['a', 'b']; anything else → null. */
function literalValues(typeText) {
  if (!typeText) return null;
  const parts = typeText.split('|').map((p) => p.trim()).filter((p) => p !== 'undefined' && p !== 'null');
  if (!parts.length || !parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p))) return null;
  return parts.map((p) => p.slice(1, -1));
}

const isBoolean = (typeText) => /^boolean( \| undefined)?$/.test(typeText ?? '');

/** The element's documentation as Markdown, for editors' hover text. */
function elementMarkdown(el) {
  const list = (title, items, format) => (items.length ? `\n\n**${title}:**\n${items.map((i) => `- ${format(i)}`).join('\n')}` : '');
  return (
    [el.summary, el.description].filter(Boolean).join('\n\n') +
    list('Events', el.events, (e) => `\`${e.name}\` — ${oneLine(e.description)}`) +
    list('Slots', el.slots, (s) => `${s.name ? `\`${s.name}\`` : '(default)'} — ${oneLine(s.description)}`) +
    list('CSS parts', el.cssParts, (p) => `\`::part(${p.name})\` — ${oneLine(p.description)}`) +
    list('CSS custom properties', el.cssProperties, (p) => `\`${p.name}\` — ${oneLine(p.description)}`)
  );
}

function vscodeData(elements) {
  return {
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tag,
      description: { kind: 'markdown', value: elementMarkdown(el) },
      attributes: el.attributes.map((a) => {
        const values = literalValues(a.type?.text);
        return {
          name: a.name,
          description: { kind: 'markdown', value: attributeMarkdown(a) },
          ...(isBoolean(a.type?.text) ? { valueSet: 'v' } : {}),
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  };
}

const attributeMarkdown = (a) =>
  [oneLine(a.description), a.type?.text ? `Type: \`${a.type.text}\`` : '', a.default ? `Default: \`${a.default}\`` : '']
    .filter(Boolean)
    .join('\n\n');

function webTypes(elements, pkg, details) {
  return {
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tag,
          description: elementMarkdown(el),
          source: { module: `${pkg.name}/${el.tag}`, symbol: el.className },
          attributes: el.attributes.map((a) => ({
            name: a.name,
            description: oneLine(a.description),
            value: { type: a.type?.text ?? 'string', ...(a.default ? { default: a.default } : {}), ...(isBoolean(a.type?.text) ? { required: false } : {}) },
          })),
          ...(el.slots.length ? { slots: el.slots.map((s) => ({ name: s.name, description: oneLine(s.description) })) } : {}),
          events: el.events.map((e) => ({ name: e.name, description: oneLine(e.description) })),
          js: {
            properties: el.properties.map((p) => ({
              name: p.name,
              description: oneLine(p.description),
              ...(p.type?.text ? { type: p.type.text } : {}),
              ...(p.readonly ? { 'read-only': true } : {}),
            })),
            events: el.events.map((e) => ({
              name: e.name,
              description: oneLine(e.description),
              ...(details.has(e.name) ? { type: `CustomEvent<${details.get(e.name)}>` } : {}),
            })),
          },
          css: {
            parts: el.cssParts.map((p) => ({ name: p.name, description: oneLine(p.description) })),
            properties: el.cssProperties.map((p) => ({ name: p.name, description: oneLine(p.description) })),
          },
        })),
      },
    },
  };
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

function editorFiles(elements, pkg, details) {
  return new Map([
    ['vscode.html-custom-data.json', json(vscodeData(elements))],
    ['web-types.json', json(webTypes(elements, pkg, details))],
  ]);
}

// ------------------------------------------------------------------------------------------------- docs
const oneLine = (text) => (text ?? '').replace(/\s*\n\s*/g, ' ').trim();
/** A Markdown table cell: one line, pipes escaped. */
const cell = (text) => oneLine(text).replace(/\|/g, '\\|') || ' ';
const code = (text) => (text ? `\`${String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|')}\`` : ' ');
/** A default worth showing: a short literal, not an initialiser expression. */
const shortDefault = (value) => (value && value.length <= 40 && !/=>|\bnew\b|\n/.test(value) ? code(value) : ' ');
const inherited = (m) => (m.inheritedFrom ? ` *(from ${m.inheritedFrom.name})*` : '');

function table(headers, rows) {
  if (!rows.length) return null;
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function signature(method) {
  const params = (method.parameters ?? [])
    .map((p) => `${p.name}${p.optional || p.default ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`)
    .join(', ');
  return `${method.name}(${params})${method.return?.type?.text ? `: ${method.return.type.text}` : ''}`;
}

/** The API tables of one element (the text between the markers). */
export function apiMarkdown(el, details) {
  const sections = [
    [
      'Attributes',
      table(
        ['Attribute', 'Property', 'Type', 'Default', 'Description'],
        el.attributes.map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), shortDefault(a.default), cell(a.description) + inherited(a)]),
      ),
    ],
    [
      'Properties',
      table(
        ['Property', 'Attribute', 'Type', 'Default', 'Description'],
        el.properties.map((p) => [
          code(p.name) + (p.readonly ? ' (read-only)' : ''),
          code(p.attribute),
          code(p.type?.text),
          shortDefault(p.default),
          cell(p.description) + inherited(p),
        ]),
      ),
    ],
    ['Methods', table(['Method', 'Description'], el.methods.map((m) => [code(signature(m)), cell(m.description) + inherited(m)]))],
    [
      'Events',
      table(
        ['Event', 'React prop', '`detail`', 'Description'],
        el.events.map((e) => [code(e.name), code(reactEventProp(e.name)), code(details.get(e.name)), cell(e.description)]),
      ),
    ],
    ['Slots', table(['Slot', 'Description'], el.slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]))],
    ['CSS parts', table(['Part', 'Description'], el.cssParts.map((p) => [code(p.name), cell(p.description)]))],
    ['CSS custom properties', table(['Property', 'Description'], el.cssProperties.map((p) => [code(p.name), cell(p.description)]))],
  ];
  const body = sections
    .filter(([, t]) => t)
    .map(([title, t]) => `### ${title}\n\n${t}`)
    .join('\n\n');
  return `<!-- ${HEADER} -->\n\n${body}\n`;
}

function docsFiles(elements, details, root) {
  const files = new Map();
  const where = new Map();
  for (const el of elements) {
    const page = `docs/${el.tag}.md`;
    const pagePath = join(root, page);
    const api = apiMarkdown(el, details);
    const text = existsSync(pagePath) ? readFileSync(pagePath, 'utf8') : null;
    if (text !== null && text.includes(API_START) && text.includes(API_END)) {
      const start = text.indexOf(API_START) + API_START.length;
      files.set(page, `${text.slice(0, start)}\n${api}${text.slice(text.indexOf(API_END))}`);
      where.set(el.tag, `${el.tag}.md`); // relative to docs/
    } else {
      const intro = [`# \`<${el.tag}>\` API`, el.summary, text !== null ? `Usage and decisions: [${el.tag}.md](../${el.tag}.md).` : ''];
      files.set(`docs/api/${el.tag}.md`, `${intro.filter(Boolean).join('\n\n')}\n\n${api}`);
      where.set(el.tag, `api/${el.tag}.md`);
    }
  }
  // The token table of the theming guide (when the guide has the markers).
  const guide = join(root, 'docs/theming.md');
  const guideText = existsSync(guide) ? readFileSync(guide, 'utf8') : '';
  if (guideText.includes(TOKENS_START) && guideText.includes(TOKENS_END)) {
    const start = guideText.indexOf(TOKENS_START) + TOKENS_START.length;
    files.set('docs/theming.md', `${guideText.slice(0, start)}\n${tokenTable(elements, where)}${guideText.slice(guideText.indexOf(TOKENS_END))}`);
  }
  files.set(
    'docs/api/README.md',
    [
      `<!-- ${HEADER} -->`,
      '',
      '# Element reference',
      '',
      'Attributes, properties, methods, events, slots, CSS parts and CSS custom properties of every element, generated',
      'from `custom-elements.json`. Theming: [theming.md](../theming.md).',
      '',
      '| Element | Summary |',
      '| --- | --- |',
      ...elements.map((el) => `| [\`<${el.tag}>\`](../${where.get(el.tag)}) | ${cell(el.summary)} |`),
      '',
    ].join('\n'),
  );
  return files;
}

/** Every --support-* token with the elements that use it (as they document it). */
function tokenTable(elements, where) {
  const tokens = new Map();
  for (const el of elements) {
    for (const p of el.cssProperties) {
      const entry = tokens.get(p.name) ?? { descriptions: [], tags: [] };
      entry.descriptions.push(oneLine(p.description));
      entry.tags.push(el.tag);
      tokens.set(p.name, entry);
    }
  }
  const rows = [...tokens]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { descriptions, tags }]) => {
      // The description most elements give.
      const counts = new Map();
      for (const d of descriptions) counts.set(d, (counts.get(d) ?? 0) + 1);
      const description = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      const used = tags.length === elements.length ? 'all' : tags.map((t) => `[\`<${t}>\`](${where.get(t)})`).join(', ');
      return [code(name), cell(description), used];
    });
  return `<!-- ${HEADER} -->\n\n${table(['Token', 'What it sets', 'Elements'], rows) ?? '(no tokens)'}\n`;
}

// ------------------------------------------------------------------------------------------------- conformance
/**
 * docs/api/conformance.md: every conformance check (src/testing/checks.ts) with its stable id, group and name, so
 * docs/adapter.md can link to the check that proves a rule. Read from the source text (the checks are literals
 * `id: '…', group: '…', name: '…'` in this order), so no TypeScript runs here.
 */
function conformanceFiles(root) {
  const path = join(root, 'src/testing/checks.ts');
  if (!existsSync(path)) return [];
  const source = readFileSync(path, 'utf8');
  const checks = [...source.matchAll(/id: '([^']+)',\n\s+group: '([^']+)',\n\s+name: (['"])(.*?)\3,/g)].map((m) => ({
    id: m[1],
    group: m[2],
    name: m[4].replace(/\\(['"])/g, '$1'),
  }));
  const groups = [...new Set(checks.map((c) => c.group))];
  const sections = groups.map((group) => {
    const rows = checks.filter((c) => c.group === group).map((c) => `| <a id="${c.id}"></a>\`${c.id}\` | ${cell(c.name)} |`);
    return `## ${group}\n\n| Id | Rule |\n| --- | --- |\n${rows.join('\n')}\n`;
  });
  const text = [
    '# Conformance checks',
    '',
    'Every rule of the `SupportBackend` contract that the conformance suite (`support-widgets/testing`,',
    '`dist/cdn/testing.js`) checks, by stable id. The checklist in [adapter.md](../adapter.md) links here;',
    '`runConformance(factory, { only: [id] })` runs one check.',
    '',
    `<!-- ${HEADER} -->`,
    '',
    `${checks.length} checks.`,
    '',
    ...sections,
  ].join('\n');
  return [['docs/api/conformance.md', text]];
}

// ------------------------------------------------------------------------------------------------- contract
/**
 * docs/api/backend-contract.md: what the response validator accepts from each method and each live event, written
 * from the descriptions its checks carry (src/backend/schema.ts `CheckDoc`), so the adapter docs cannot drift from
 * the checks. The schema module is bundled with esbuild and evaluated here (synchronously, as CommonJS).
 */
function contractFiles(root) {
  const entry = join(root, 'src/backend/contract-schema.ts');
  if (!existsSync(entry)) return [];
  const { outputFiles } = esbuild.buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'silent' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', outputFiles[0].text)(module, module.exports, createRequire(entry));
  const { RESPONSE_CHECKS, ATTACHMENT_RESPONSE_CHECKS = {}, checkEvent } = module.exports;
  const docOf = (check) => check.doc ?? { kind: 'text', text: 'a custom check' };
  /** A doc as [head, child lines]: the head reads after "is"; children are nested bullets. */
  function describe(doc) {
    switch (doc.kind) {
      case 'text':
        return [doc.text, []];
      case 'object':
        return ['an object with', Object.entries(doc.fields).flatMap(([key, d]) => bullet(`\`${key}\``, d))];
      case 'array': {
        const [head, children] = describe(doc.items);
        return [`a list; each item ${head}`, children];
      }
      case 'record': {
        const [head, children] = describe(doc.values);
        return [`an object whose every value is ${head}`, children];
      }
      case 'nullable': {
        const [head, children] = describe(doc.value);
        return [`\`null\`, or ${head}`, children];
      }
      case 'optional': {
        const [head, children] = describe(doc.value);
        return [`optional (missing means \`${JSON.stringify(doc.fallback)}\`); else ${head}`, children];
      }
      case 'union':
        return [
          `one of these, told apart by \`${doc.key}\``,
          Object.entries(doc.variants).flatMap(([tag, d]) => bullet(`\`${doc.key}: '${tag}'\``, d)),
        ];
      case 'either':
        return [doc.text, []];
      case 'refine': {
        const [head, children] = describe(doc.base);
        // A rule over the whole value: after the fields it spans, or after the head when there are none.
        return children.length ? [head, [...children, `- and as a whole: ${doc.rule}`]] : [`${head}, and ${doc.rule}`, []];
      }
      default:
        return ['(undescribed)', []];
    }
  }
  function bullet(label, doc) {
    const [head, children] = describe(doc);
    return [`- ${label}: ${head}`, ...children.map((line) => `  ${line}`)];
  }
  const methods = Object.entries(RESPONSE_CHECKS).map(([method, check]) => {
    const [head, children] = describe(docOf(check));
    return [`### \`${method}\``, '', `Answers ${head}${children.length ? ':' : '.'}`, '', ...children, ''].join('\n');
  });
  const optional = Object.entries(ATTACHMENT_RESPONSE_CHECKS).map(([method, check]) => {
    const [head, children] = describe(docOf(check));
    return [`### \`${method}\` (optional)`, '', `Answers ${head}${children.length ? ':' : '.'}`, '', ...children, ''].join('\n');
  });
  const [eventHead, eventChildren] = describe(docOf(checkEvent));
  const text = [
    '# Backend contract: what the validator accepts',
    '',
    'Every answer of a `SupportBackend` method, and every live event, is checked before an element uses it',
    '(`validateBackend`; the HTTP backend and the conformance suite use the same checks). This page is written from',
    'those checks, so it lists exactly what they accept. Fields not listed are ignored. A refused answer becomes',
    '`SupportError(\'invalid-response\')` and the console names method, field, expected and received value',
    '([adapter.md](../adapter.md#what-counts-as-malformed)). The rules *behind* the answers (who computes `endsAt`,',
    'sort orders, retention) are in the [checklist](../adapter.md) and proved by the [conformance checks](conformance.md).',
    '',
    `<!-- ${HEADER} -->`,
    '',
    '## Methods',
    '',
    ...methods,
    ...(optional.length
      ? [
          '## Attachment methods (optional)',
          '',
          'A backend may leave both out; the chat then offers no attachments. When present they are checked like the rest.',
          '',
          ...optional,
        ]
      : []),
    '## Live events (`subscribe`)',
    '',
    `An event that does not match is dropped with a console warning. Each event is ${eventHead}${eventChildren.length ? ':' : '.'}`,
    '',
    ...eventChildren,
    '',
  ].join('\n');
  return [['docs/api/backend-contract.md', text]];
}

// ------------------------------------------------------------------------------------------------- run
/**
 * Every generated file for `manifest`: path → content, plus the paths of stale generated files to delete (wrappers or
 * API pages of elements that no longer exist, or whose page now has markers).
 */
export function generateAll(manifest, { root = ROOT, only = null } = {}) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const elements = elementsOf(manifest);
  const details = eventDetailTypes(root);
  const files = new Map();
  const groups = {
    react: () => reactFiles(elements),
    editors: () => editorFiles(elements, pkg, details),
    docs: () => [...docsFiles(elements, details, root), ...conformanceFiles(root), ...contractFiles(root)],
  };
  for (const [name, make] of Object.entries(groups)) {
    if (!only || only === name) for (const [path, content] of make()) files.set(path, content);
  }
  const owned = [
    ...(only && only !== 'react' ? [] : listFiles(root, 'src/react', '.ts')),
    ...(only && only !== 'docs' ? [] : listFiles(root, 'docs/api', '.md')),
  ];
  return { files, stale: owned.filter((path) => !files.has(path)) };
}

function listFiles(root, dir, ext) {
  const full = join(root, dir);
  return existsSync(full) ? readdirSync(full).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`) : [];
}

/** Compares (or writes) the generated files; returns the paths that differ from disk. */
export function sync({ files, stale }, { root = ROOT, write = false } = {}) {
  const changed = [];
  for (const [path, content] of files) {
    const full = join(root, path);
    const current = existsSync(full) ? readFileSync(full, 'utf8') : null;
    if (current === content) continue;
    changed.push(path);
    if (write) {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  for (const path of stale) {
    changed.push(`${path} (to delete)`);
    if (write) rmSync(join(root, path));
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const changed = sync(generateAll(manifest, { only }), { write: !check });
  if (check && changed.length) {
    console.error(`Generated files are out of date (run \`npm run analyze\` and commit):\n  ${changed.join('\n  ')}`);
    process.exit(1);
  }
  console.log(changed.length ? `Wrote ${changed.length} file(s):\n  ${changed.join('\n  ')}` : 'Generated files are current.');
}
