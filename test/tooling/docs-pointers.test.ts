import { expect } from '@open-wc/testing';
import { API_DOCS, USER_GUIDES, readDoc } from '../helpers/docs.js';

// User docs point to what the published package contains: no `src/` paths (the package ships `dist/` only), and the
// README sends adapter authors to docs/adapter.md. docs/architecture.md, docs/decisions.md and docs/performance.md
// are for maintainers and may name source files; so may the README's "Layout (for contributors)" section.

const USER_DOCS = [...USER_GUIDES, ...API_DOCS];

/** `markdown` without the section under `## heading` (up to the next `## `). */
function withoutSection(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  if (start === -1) return markdown;
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(0, start) + (next === -1 ? '' : markdown.slice(next));
}

/** `src/…` paths in `text` (not `dist/cdn/…` or a URL's `/src/`). */
const srcPaths = (text: string) => [...text.matchAll(/(?<![\w/.-])src\/[\w./-]*/g)].map((m) => m[0]);

describe('docs pointers', function () {
  this.timeout(30_000);
  it('user docs name no src/ paths', async () => {
    const found: string[] = [];
    let checked = 0;
    for (const path of USER_DOCS) {
      let text = await readDoc(path);
      if (text === null) continue;
      checked += 1;
      if (path === 'README.md') text = withoutSection(text, 'Layout (for contributors)');
      for (const hit of srcPaths(text)) found.push(`${path}: ${hit}`);
    }
    expect(checked).to.be.greaterThan(10);
    expect(found).to.deep.equal([]);
  });

  it('the check finds a src/ path (the check itself)', () => {
    expect(srcPaths('see `src/backend/backend.ts` and dist/cdn/x.js')).to.deep.equal(['src/backend/backend.ts']);
    expect(withoutSection('## A\nsrc/x\n## Layout (for contributors)\nsrc/y\n## B\n', 'Layout (for contributors)')).to.equal('## A\nsrc/x\n\n## B\n');
  });

  it('the README sends adapter authors to docs/adapter.md', async () => {
    const readme = (await readDoc('README.md'))!;
    const use = readme.slice(readme.indexOf('## Use it'), readme.indexOf('## Commands'));
    expect(use).to.contain('docs/adapter.md');
    expect(use).not.to.contain('(see docs/architecture.md)');
  });
});
