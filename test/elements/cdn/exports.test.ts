// Everything the docs use is exported by the CDN files (issue 16, item 6): every identifier named in README.md and
// docs/*.md — in code samples and in inline code — that the package exports at run time (from `support-widgets`,
// `/core`, `/backend` or `/testing`) must be importable from dist/cdn/ without a bundler. `npm test` runs this
// against src/cdn/, `npm run test:dist` against the built dist/cdn/ files.
import { expect } from '@open-wc/testing';
import * as cdnMain from '../../../src/cdn/support-widgets.js';
import * as cdnCore from '../../../src/cdn/core.js';
import * as cdnDemo from '../../../src/cdn/demo-backend.js';
import * as cdnHttp from '../../../src/cdn/http-backend.js';
import * as cdnChat from '../../../src/cdn/chat.js';
import * as cdnTesting from '../../../src/cdn/testing.js';
import * as packageMain from '../../../src/index.js';
import * as packageCore from '../../../src/core/index.js';
import * as packageBackend from '../../../src/backend/index.js';
import * as packageTesting from '../../../src/testing/index.js';
import { USER_GUIDES, readDoc } from '../../helpers/docs.js';

/** Element classes: a CDN page gets them registered (`customElements.get(tag)`), not as exports. */
const ELEMENT_CLASSES = new Set(['AboutTenant', 'CallbackScheduler', 'SupportContact', 'SupportUnlockDialog', 'SupportAccessIndicator', 'SupportChatPanel', 'SupportElement', 'ModalSupportElement']);

/** Identifiers in code blocks and inline code of `markdown`. */
function namedIn(markdown: string): Set<string> {
  const names = new Set<string>();
  const code = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const inline = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  for (const text of [...code, ...inline]) for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) names.add(m[0]);
  return names;
}

describe('CDN exports', function () {
  this.timeout(30_000);
  it('every identifier the docs name that the package exports is exported by a CDN file', async () => {
    const exported = new Set([...Object.keys(packageMain), ...Object.keys(packageCore), ...Object.keys(packageBackend), ...Object.keys(packageTesting)]);
    const cdn = new Set([cdnMain, cdnCore, cdnDemo, cdnHttp, cdnChat, cdnTesting].flatMap((m) => Object.keys(m)));
    const missing = new Map<string, string>();
    let used = 0;
    for (const path of USER_GUIDES) {
      const text = await readDoc(path);
      if (text === null) continue;
      for (const name of namedIn(text)) {
        if (!exported.has(name) || ELEMENT_CLASSES.has(name)) continue;
        used += 1;
        if (!cdn.has(name)) missing.set(name, path);
      }
    }
    expect(used, 'identifiers found in the docs').to.be.greaterThan(15);
    expect([...missing].map(([name, path]) => `${name} (${path})`)).to.deep.equal([]);
  });

  it('the unlock-link helpers and the time rules come from the CDN files', () => {
    expect(cdnMain.takeUnlockToken).to.be.a('function');
    expect(cdnMain.extractUnlockToken('https://crm.example/?support-unlock=abc')?.token).to.equal('abc');
    const now = new Date('2026-03-29T00:30:00+01:00');
    expect(cdnCore.grantEndsAt('today', now, 'Europe/Berlin')?.toISOString()).to.equal('2026-03-29T21:59:59.999Z');
    expect(cdnCore.retentionStart('chat', now, 'Europe/Berlin')).to.be.instanceOf(Date);
    expect(cdnTesting.CONFORMANCE_CHECKS.length).to.be.greaterThan(10);
  });

  it('shares one SupportError between the CDN files', async () => {
    const offline = cdnHttp.createHttpBackend({
      baseUrl: 'https://crm.example/api',
      fetch: () => Promise.reject(new TypeError('offline')),
      retryDelayMs: 1,
      maxRetryDelayMs: 1,
    });
    const error = await offline.getTenantInfo().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(cdnMain.SupportError);
    expect((error as InstanceType<typeof cdnMain.SupportError>).kind).to.equal('network');
  });

  it('finds names in code samples and inline code (the check itself)', () => {
    const names = namedIn('Use `grantEndsAt(d)`.\n```js\nimport { retentionStart } from "x";\n```\n');
    expect(names.has('grantEndsAt') && names.has('retentionStart')).to.equal(true);
  });
});
