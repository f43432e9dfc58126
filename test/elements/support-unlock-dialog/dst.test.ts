import { expect } from '@open-wc/testing';
import type { GrantDuration } from '../../../src/core/index.js';
import { testBackends, textOf, until } from '../../helpers/backend.js';
import { $$, choose, inlineDialog, part, previewText, search, setDuration } from './helpers.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar 02:00 → 03:00 CEST (UTC+2) until Sun 25 Oct 03:00 → 02:00 CET.
// America/New_York 2026: EDT (UTC−4) until Sun 1 Nov 02:00 → 01:00 EST (UTC−5).
// The demo backend and the element share one fixed clock, so the preview, the created grant and the overview must agree.

interface Case {
  readonly name: string;
  readonly now: string;
  readonly duration: GrantDuration;
  readonly lang: 'en' | 'en-US' | 'de';
  readonly viewer: string;
  /** What the preview says (viewer's zone, with the zone's name). */
  readonly until: string;
  /** The tenant's line, when the viewer's zone differs. */
  readonly tenant: string | null;
  /** The grant's end as the backend computes it. */
  readonly endsAt: string;
}

const cases: Case[] = [
  {
    name: '1 hour across spring forward: Sun 29 Mar 01:30 CET → 03:30 CEST (60 real minutes)',
    now: '2026-03-29T00:30:00Z', duration: '1h', lang: 'de', viewer: 'Europe/Berlin',
    until: 'bis So., 29. März 2026, 03:30 MESZ', tenant: null, endsAt: '2026-03-29T01:30:00.000Z',
  },
  {
    name: 'today on the 23-hour day: Sun 29 Mar 00:30 CET → 23:59 CEST',
    now: '2026-03-28T23:30:00Z', duration: 'today', lang: 'de', viewer: 'Europe/Berlin',
    until: 'bis So., 29. März 2026, 23:59 MESZ', tenant: null, endsAt: '2026-03-29T21:59:59.999Z',
  },
  {
    name: '1 week into the gap: Sun 22 Mar 02:30 CET → Sun 29 Mar 02:30 does not exist → 03:30 CEST',
    now: '2026-03-22T01:30:00Z', duration: '1w', lang: 'de', viewer: 'Europe/Berlin',
    until: 'bis So., 29. März 2026, 03:30 MESZ', tenant: null, endsAt: '2026-03-29T01:30:00.000Z',
  },
  {
    name: '2 weeks across spring forward keep the wall time: Fri 20 Mar 09:00 CET → Fri 3 Apr 09:00 CEST (335 h)',
    now: '2026-03-20T08:00:00Z', duration: '2w', lang: 'en', viewer: 'Europe/Berlin',
    until: 'until Fri 3 Apr 2026, 09:00 CEST', tenant: null, endsAt: '2026-04-03T07:00:00.000Z',
  },
  {
    name: '1 hour across fall back: Sun 25 Oct 02:30 CEST → 02:30 CET (same wall time, another zone name)',
    now: '2026-10-25T00:30:00Z', duration: '1h', lang: 'de', viewer: 'Europe/Berlin',
    until: 'bis So., 25. Okt. 2026, 02:30 MEZ', tenant: null, endsAt: '2026-10-25T01:30:00.000Z',
  },
  {
    name: 'today on the 25-hour day: Sun 25 Oct 00:30 CEST → 23:59 CET',
    now: '2026-10-24T22:30:00Z', duration: 'today', lang: 'de', viewer: 'Europe/Berlin',
    until: 'bis So., 25. Okt. 2026, 23:59 MEZ', tenant: null, endsAt: '2026-10-25T22:59:59.999Z',
  },
  {
    name: '1 week onto the repeated hour: Sun 18 Oct 02:30 CEST → the first Sun 25 Oct 02:30, CEST',
    now: '2026-10-18T00:30:00Z', duration: '1w', lang: 'de', viewer: 'Europe/Berlin',
    until: 'bis So., 25. Okt. 2026, 02:30 MESZ', tenant: null, endsAt: '2026-10-25T00:30:00.000Z',
  },
  {
    name: '1 month across fall back: Fri 25 Sep 10:00 CEST → Sun 25 Oct 10:00 CET',
    now: '2026-09-25T08:00:00Z', duration: '1m', lang: 'en', viewer: 'Europe/Berlin',
    until: 'until Sun 25 Oct 2026, 10:00 CET', tenant: null, endsAt: '2026-10-25T09:00:00.000Z',
  },
  {
    name: 'a New York viewer on the US fall-back day: 01:30 EDT + 1 hour = 01:30 EST; Berlin shows 07:30',
    now: '2026-11-01T05:30:00Z', duration: '1h', lang: 'en-US', viewer: 'America/New_York',
    until: 'until Sun, Nov 1, 2026, 01:30 EST',
    tenant: "In your company's time zone (Europe/Berlin): Sun, Nov 1, 2026, 07:30 CET",
    endsAt: '2026-11-01T06:30:00.000Z',
  },
  {
    name: 'a New York viewer: "today" ends at midnight in Berlin, 17:59 in New York',
    now: '2026-11-25T09:00:00Z', duration: 'today', lang: 'en', viewer: 'America/New_York',
    until: 'until Wed 25 Nov 2026, 17:59 EST',
    tenant: "In your company's time zone (Europe/Berlin): Wed 25 Nov 2026, 23:59 CET",
    endsAt: '2026-11-25T22:59:59.999Z',
  },
  {
    name: 'a New York viewer during the weeks the two switches differ: Berlin already CET, New York still EDT',
    now: '2026-10-26T14:00:00Z', duration: '4h', lang: 'en', viewer: 'America/New_York',
    until: 'until Mon 26 Oct 2026, 14:00 EDT',
    tenant: "In your company's time zone (Europe/Berlin): Mon 26 Oct 2026, 19:00 CET",
    endsAt: '2026-10-26T18:00:00.000Z',
  },
];

describe('<support-unlock-dialog> durations on DST days (preview = created grant = overview)', function () {
  this.timeout(30_000); // axe on a large dialog is slow on a loaded, shared machine
  for (const c of cases) {
    it(c.name, async () => {
      const clock = () => new Date(c.now);
      const env = testBackends({ now: clock, locale: c.lang === 'de' ? 'de' : 'en' });
      try {
        const el = await inlineDialog(env.cached, { lang: c.lang, clock, timeZone: c.viewer });
        await search(el, 'Lena');
        await choose(el, 'Lena Hoffmann');
        await setDuration(el, c.duration);
        const preview = previewText(el);
        expect(preview).to.contain(c.until);
        if (c.tenant) expect(textOf(part(el, 'preview-tenant'))).to.equal(c.tenant);
        else expect(part(el, 'preview-tenant')).to.be.null;

        const created = new Promise<Date | null>((resolve) =>
          el.addEventListener('support-grant-created', (e) => resolve(e.detail.grant.endsAt), { once: true }),
        );
        part<HTMLButtonElement>(el, 'submit-button')!.click();
        const endsAt = await created;
        expect(endsAt!.toISOString()).to.equal(c.endsAt);
        // The success notice and the overview row say the same end as the preview did.
        await until(() => el.grants.state === 'fresh');
        await el.updateComplete;
        expect(textOf(part(el, 'success'))).to.contain(c.until);
        const row = $$(el, 'tbody tr')[0]!;
        expect(row.querySelector('time[datetime="' + c.endsAt + '"]')).to.exist;
      } finally {
        await env.cleanup();
      }
    });
  }
});
