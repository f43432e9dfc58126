import { addDays, startOfDay } from 'date-fns';
import type { EmergencyHotline, HotlinePricing, HotlineTier, Money } from './types.js';
import { DEFAULT_TIME_ZONE } from './zone.js';
import { atWallTime, inZone } from './zoned.js';

/** The seed page's tiers: 07:30–22:00 every day, response within 2 h; 22:00–07:30, within 10 h. */
export const DEFAULT_HOTLINE_TIERS: readonly HotlineTier[] = [
  { id: 'day', from: '07:30', to: '22:00', responseHours: 2 },
  { id: 'night', from: '22:00', to: '07:30', responseHours: 10 },
];

/** 5.95 EUR per started 5-minute block, for calls from Germany, Austria and Switzerland. */
export const DEFAULT_HOTLINE_PRICING: HotlinePricing = {
  pricePerBlock: { amountMinor: 595, currency: 'EUR' },
  blockMinutes: 5,
  appliesTo: ['DE', 'AT', 'CH'],
};

export interface TierInForce {
  readonly tier: HotlineTier;
  /** When this tier began (its latest start at or before `at`). */
  readonly since: Date;
  /** When the next tier takes over. */
  readonly until: Date;
}

/** Tier boundaries (start instants) around `at`: yesterday, today and tomorrow, in order. */
function boundaries(tiers: readonly HotlineTier[], at: Date, timeZone: string) {
  const zone = inZone(timeZone);
  const today = startOfDay(at, zone);
  const list: { tier: HotlineTier; start: Date }[] = [];
  for (const offset of [-1, 0, 1]) {
    const day = addDays(today, offset, zone);
    for (const tier of tiers) list.push({ tier, start: atWallTime(day, tier.from, timeZone) });
  }
  return list.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The hotline tier in force at `at` (tier starts are inclusive): at 07:29 Berlin the night tier, at 07:30 the day tier,
 * at 21:59 the day tier, at 22:00 the night tier. Tiers are wall times in `timeZone`, so DST does not move them.
 */
export function hotlineTierAt(
  at: Date,
  tiers: readonly HotlineTier[] = DEFAULT_HOTLINE_TIERS,
  timeZone: string = DEFAULT_TIME_ZONE,
): TierInForce {
  if (tiers.length === 0) throw new RangeError('A hotline needs at least one tier');
  const list = boundaries(tiers, at, timeZone);
  const t = at.getTime();
  let index = -1;
  for (let i = 0; i < list.length; i += 1) if (list[i]!.start.getTime() <= t) index = i;
  const current = list[index]!;
  const next = list[index + 1]!;
  return { tier: current.tier, since: current.start, until: next.start };
}

/** Convenience: the tier in force for a hotline as supplied by the backend. */
export const hotlineTierFor = (hotline: EmergencyHotline, at: Date): TierInForce =>
  hotlineTierAt(at, hotline.tiers, hotline.timeZone);

export interface HotlineCost {
  readonly minutes: number;
  /** Started blocks: 0 minutes = 0 blocks, 0.1 … 5 minutes = 1 block, 5.01 minutes = 2 blocks. */
  readonly blocks: number;
  readonly total: Money;
}

/** What a hotline call of `minutes` costs: every started block is billed in full. */
export function hotlineCost(minutes: number, pricing: HotlinePricing = DEFAULT_HOTLINE_PRICING): HotlineCost {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number ≥ 0');
  const blockSeconds = Math.round(pricing.blockMinutes * 60);
  if (!(blockSeconds >= 1)) throw new RangeError('blockMinutes must be at least one second');
  // Round to whole seconds first so that 10 minutes entered as 600 s / 60 is never a hair over 2 blocks.
  const seconds = Math.round(minutes * 60);
  // `Math.max` also turns the -0 of `minutes = -0` into 0 (Intl would print "-0,00 €").
  const blocks = Math.max(0, Math.ceil(seconds / blockSeconds));
  return {
    minutes,
    blocks,
    total: { amountMinor: blocks * pricing.pricePerBlock.amountMinor, currency: pricing.pricePerBlock.currency },
  };
}
