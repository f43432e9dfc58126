import { expect } from '@open-wc/testing';
import {
  DEFAULT_HOTLINE_PRICING,
  DEFAULT_HOTLINE_TIERS,
  hotlineCost,
  hotlineTierAt,
  hotlineTierFor,
  type EmergencyHotline,
  type HotlineCost,
  type HotlinePricing,
  type HotlineTier,
  type HotlineTierId,
} from '../../src/core/index.js';

// Europe/Berlin 2026: CET (UTC+1) until Sun 29 Mar 02:00 → 03:00, CEST (UTC+2) until Sun 25 Oct 03:00 → 02:00, then CET.
// Default tiers: day 07:30–22:00 (response 2 h), night 22:00–07:30 (response 10 h).

const DAY_TIER = DEFAULT_HOTLINE_TIERS[0]!;
const NIGHT_TIER = DEFAULT_HOTLINE_TIERS[1]!;
const ALL_DAY: readonly HotlineTier[] = [{ id: 'day', from: '00:00', to: '00:00', responseHours: 4 }];

describe('emergency hotline', () => {
  it('has a day tier 07:30–22:00 (2 h) and a night tier 22:00–07:30 (10 h)', () => {
    expect(DEFAULT_HOTLINE_TIERS).to.deep.equal([
      { id: 'day', from: '07:30', to: '22:00', responseHours: 2 },
      { id: 'night', from: '22:00', to: '07:30', responseHours: 10 },
    ]);
  });

  describe('hotlineTierAt', () => {
    const cases: {
      name: string;
      at: string;
      tiers?: readonly HotlineTier[];
      timeZone?: string;
      expected: { id: HotlineTierId; since: string; until: string };
    }[] = [
      { name: 'Wed 25 Nov 07:29 CET: night since Tue 22:00, until 07:30', at: '2026-11-25T06:29:00Z', expected: { id: 'night', since: '2026-11-24T21:00:00.000Z', until: '2026-11-25T06:30:00.000Z' } },
      { name: 'Wed 25 Nov 07:29:59.999 CET: still night', at: '2026-11-25T06:29:59.999Z', expected: { id: 'night', since: '2026-11-24T21:00:00.000Z', until: '2026-11-25T06:30:00.000Z' } },
      { name: 'Wed 25 Nov 07:30 CET (start is inclusive): day until 22:00', at: '2026-11-25T06:30:00Z', expected: { id: 'day', since: '2026-11-25T06:30:00.000Z', until: '2026-11-25T21:00:00.000Z' } },
      { name: 'Wed 25 Nov 12:00 CET: day', at: '2026-11-25T11:00:00Z', expected: { id: 'day', since: '2026-11-25T06:30:00.000Z', until: '2026-11-25T21:00:00.000Z' } },
      { name: 'Wed 25 Nov 21:59 CET: day', at: '2026-11-25T20:59:00Z', expected: { id: 'day', since: '2026-11-25T06:30:00.000Z', until: '2026-11-25T21:00:00.000Z' } },
      { name: 'Wed 25 Nov 22:00 CET: night until Thu 07:30', at: '2026-11-25T21:00:00Z', expected: { id: 'night', since: '2026-11-25T21:00:00.000Z', until: '2026-11-26T06:30:00.000Z' } },
      { name: 'Wed 25 Nov 23:59:59.999 CET: night until Thu 07:30', at: '2026-11-25T22:59:59.999Z', expected: { id: 'night', since: '2026-11-25T21:00:00.000Z', until: '2026-11-26T06:30:00.000Z' } },
      { name: 'Wed 25 Nov 00:00 CET: night since Tue 22:00', at: '2026-11-24T23:00:00Z', expected: { id: 'night', since: '2026-11-24T21:00:00.000Z', until: '2026-11-25T06:30:00.000Z' } },
      { name: 'Wed 1 Jul 12:00 CEST: day 07:30–22:00 CEST', at: '2026-07-01T10:00:00Z', expected: { id: 'day', since: '2026-07-01T05:30:00.000Z', until: '2026-07-01T20:00:00.000Z' } },
      { name: 'Sun 29 Mar 00:00 CET: night since Sat 22:00 CET, until 07:30 CEST (8.5 real hours)', at: '2026-03-28T23:00:00Z', expected: { id: 'night', since: '2026-03-28T21:00:00.000Z', until: '2026-03-29T05:30:00.000Z' } },
      { name: 'Sun 29 Mar 03:00 CEST (just after the switch): night', at: '2026-03-29T01:00:00Z', expected: { id: 'night', since: '2026-03-28T21:00:00.000Z', until: '2026-03-29T05:30:00.000Z' } },
      { name: 'Sun 29 Mar 07:29 CEST: night', at: '2026-03-29T05:29:00Z', expected: { id: 'night', since: '2026-03-28T21:00:00.000Z', until: '2026-03-29T05:30:00.000Z' } },
      { name: 'Sun 29 Mar 07:30 CEST: day until 22:00 CEST', at: '2026-03-29T05:30:00Z', expected: { id: 'day', since: '2026-03-29T05:30:00.000Z', until: '2026-03-29T20:00:00.000Z' } },
      { name: 'Sun 29 Mar 22:00 CEST: night until Mon 07:30 CEST', at: '2026-03-29T20:00:00Z', expected: { id: 'night', since: '2026-03-29T20:00:00.000Z', until: '2026-03-30T05:30:00.000Z' } },
      { name: 'Sun 25 Oct 02:30 CET (repeated hour): night since Sat 22:00 CEST, until 07:30 CET (10.5 real hours)', at: '2026-10-25T01:30:00Z', expected: { id: 'night', since: '2026-10-24T20:00:00.000Z', until: '2026-10-25T06:30:00.000Z' } },
      { name: 'Sun 25 Oct 07:30 CET: day until 22:00 CET', at: '2026-10-25T06:30:00Z', expected: { id: 'day', since: '2026-10-25T06:30:00.000Z', until: '2026-10-25T21:00:00.000Z' } },
      { name: 'Sun 25 Oct 22:00 CET: night until Mon 07:30 CET', at: '2026-10-25T21:00:00Z', expected: { id: 'night', since: '2026-10-25T21:00:00.000Z', until: '2026-10-26T06:30:00.000Z' } },
      { name: 'New York tiers, Wed 25 Nov 07:00 EST: night since Tue 22:00 EST', at: '2026-11-25T12:00:00Z', timeZone: 'America/New_York', expected: { id: 'night', since: '2026-11-25T03:00:00.000Z', until: '2026-11-25T12:30:00.000Z' } },
      { name: 'New York tiers, Wed 25 Nov 07:30 EST: day until 22:00 EST', at: '2026-11-25T12:30:00Z', timeZone: 'America/New_York', expected: { id: 'day', since: '2026-11-25T12:30:00.000Z', until: '2026-11-26T03:00:00.000Z' } },
      { name: 'New York tiers, Sun 8 Mar 03:30 EDT (after the US switch): night since Sat 22:00 EST', at: '2026-03-08T07:30:00Z', timeZone: 'America/New_York', expected: { id: 'night', since: '2026-03-08T03:00:00.000Z', until: '2026-03-08T11:30:00.000Z' } },
      { name: 'Tokyo tiers, Wed 25 Nov 22:00 JST: night until Thu 07:30 JST', at: '2026-11-25T13:00:00Z', timeZone: 'Asia/Tokyo', expected: { id: 'night', since: '2026-11-25T13:00:00.000Z', until: '2026-11-25T22:30:00.000Z' } },
      { name: 'tiers listed night first: same answer at 07:30 CET', at: '2026-11-25T06:30:00Z', tiers: [NIGHT_TIER, DAY_TIER], expected: { id: 'day', since: '2026-11-25T06:30:00.000Z', until: '2026-11-25T21:00:00.000Z' } },
      { name: 'one all-day tier: midnight to midnight CET', at: '2026-11-25T11:00:00Z', tiers: ALL_DAY, expected: { id: 'day', since: '2026-11-24T23:00:00.000Z', until: '2026-11-25T23:00:00.000Z' } },
      { name: 'one all-day tier on Sun 29 Mar: a 23-hour day', at: '2026-03-29T11:00:00Z', tiers: ALL_DAY, expected: { id: 'day', since: '2026-03-28T23:00:00.000Z', until: '2026-03-29T22:00:00.000Z' } },
      {
        name: 'a tier starting at 02:30 on Sun 25 Oct starts at the first 02:30 (CEST)',
        at: '2026-10-25T01:45:00Z',
        tiers: [
          { id: 'night', from: '14:00', to: '02:30', responseHours: 10 },
          { id: 'day', from: '02:30', to: '14:00', responseHours: 2 },
        ],
        expected: { id: 'day', since: '2026-10-25T00:30:00.000Z', until: '2026-10-25T13:00:00.000Z' },
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const at = new Date(c.at);
        const result =
          c.tiers || c.timeZone ? hotlineTierAt(at, c.tiers ?? DEFAULT_HOTLINE_TIERS, c.timeZone ?? 'Europe/Berlin') : hotlineTierAt(at);
        expect({ id: result.tier.id, since: result.since.toISOString(), until: result.until.toISOString() }).to.deep.equal(c.expected);
      });
    }

    it('returns the tier object itself', () => {
      expect(hotlineTierAt(new Date('2026-11-25T11:00:00Z')).tier).to.equal(DAY_TIER);
    });

    it('throws a RangeError without tiers', () => {
      expect(() => hotlineTierAt(new Date('2026-11-25T11:00:00Z'), [])).to.throw(RangeError);
    });

    it('hotlineTierFor reads tiers and zone from the hotline', () => {
      const hotline: EmergencyHotline = {
        lines: [],
        timeZone: 'America/New_York',
        tiers: DEFAULT_HOTLINE_TIERS,
        pricing: DEFAULT_HOTLINE_PRICING,
      };
      // Wed 25 Nov 12:00Z: 13:00 in Berlin (day) but 07:00 EST in New York (night).
      const result = hotlineTierFor(hotline, new Date('2026-11-25T12:00:00Z'));
      expect(result.tier.id).to.equal('night');
      expect(result.until.toISOString()).to.equal('2026-11-25T12:30:00.000Z');
    });
  });

  describe('hotlineCost', () => {
    it('bills 5.95 EUR per started 5-minute block for DE, AT and CH', () => {
      expect(DEFAULT_HOTLINE_PRICING).to.deep.equal({
        pricePerBlock: { amountMinor: 595, currency: 'EUR' },
        blockMinutes: 5,
        appliesTo: ['DE', 'AT', 'CH'],
      });
    });

    const eur = (minutes: number, blocks: number, amountMinor: number): HotlineCost => ({
      minutes,
      blocks,
      total: { amountMinor, currency: 'EUR' },
    });
    const perMinuteChf: HotlinePricing = { pricePerBlock: { amountMinor: 100, currency: 'CHF' }, blockMinutes: 1, appliesTo: ['CH'] };

    const cases: { name: string; minutes: number; pricing?: HotlinePricing; expected: HotlineCost }[] = [
      { name: '0 minutes: nothing', minutes: 0, expected: eur(0, 0, 0) },
      { name: '-0 minutes: nothing, and no negative zero', minutes: -0, expected: eur(-0, 0, 0) },
      { name: '1 second: one block', minutes: 1 / 60, expected: eur(1 / 60, 1, 595) },
      { name: '0.1 minutes: one block', minutes: 0.1, expected: eur(0.1, 1, 595) },
      { name: '0.5 minutes: one block', minutes: 0.5, expected: eur(0.5, 1, 595) },
      { name: '5 minutes: one block', minutes: 5, expected: eur(5, 1, 595) },
      { name: '5 minutes with float noise (5.000000000000001): one block', minutes: 5.000000000000001, expected: eur(5.000000000000001, 1, 595) },
      { name: '5.01 minutes: two blocks', minutes: 5.01, expected: eur(5.01, 2, 1190) },
      { name: '10 minutes: two blocks', minutes: 10, expected: eur(10, 2, 1190) },
      { name: '10 minutes as 600 s / 60: two blocks', minutes: 600 / 60, expected: eur(10, 2, 1190) },
      { name: '12 minutes: three blocks = 17.85 EUR', minutes: 12, expected: eur(12, 3, 1785) },
      { name: '60 minutes: twelve blocks = 71.40 EUR', minutes: 60, expected: eur(60, 12, 7140) },
      { name: 'CHF per minute, 2.5 minutes: three blocks', minutes: 2.5, pricing: perMinuteChf, expected: { minutes: 2.5, blocks: 3, total: { amountMinor: 300, currency: 'CHF' } } },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const cost = c.pricing ? hotlineCost(c.minutes, c.pricing) : hotlineCost(c.minutes);
        expect(cost).to.deep.equal(c.expected);
      });
    }

    const invalid: { name: string; minutes: number; blockMinutes?: number }[] = [
      { name: 'negative minutes', minutes: -1 },
      { name: 'a hair below zero', minutes: -0.0001 },
      { name: 'NaN minutes', minutes: Number.NaN },
      { name: 'infinite minutes', minutes: Number.POSITIVE_INFINITY },
      { name: 'minus infinite minutes', minutes: Number.NEGATIVE_INFINITY },
      { name: 'a block of 0 minutes', minutes: 5, blockMinutes: 0 },
      { name: 'a negative block', minutes: 5, blockMinutes: -5 },
      { name: 'a NaN block', minutes: 5, blockMinutes: Number.NaN },
      { name: 'a block shorter than a second', minutes: 5, blockMinutes: 0.001 },
    ];
    for (const c of invalid) {
      it(`throws a RangeError on ${c.name}`, () => {
        const pricing = { ...DEFAULT_HOTLINE_PRICING, blockMinutes: c.blockMinutes ?? 5 };
        expect(() => hotlineCost(c.minutes, pricing)).to.throw(RangeError);
      });
    }
  });
});
