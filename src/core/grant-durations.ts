import type { GrantDuration } from './types.js';

/** Every grant duration, in the order the duration select offers them. */
export const GRANT_DURATIONS: readonly GrantDuration[] = ['1h', '2h', '4h', 'today', '1w', '2w', '1m', 'permanent'];

export const DEFAULT_GRANT_DURATION: GrantDuration = '1h';

export const isGrantDuration = (value: unknown): value is GrantDuration =>
  typeof value === 'string' && (GRANT_DURATIONS as readonly string[]).includes(value);
