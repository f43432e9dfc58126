/**
 * Rate limits of the reference server: token buckets per key (a session's token hash or a client address), in
 * memory, per process. Own code rather than a package: the server is plain `node:http` without a framework whose
 * middleware could be used, and a bucket is twenty lines.
 */

/** A bucket: `burst` requests (or MiB, for the byte budgets) at once, refilled at `perMinute`. */
export interface Rate {
  readonly burst: number;
  readonly perMinute: number;
}

/** What is limited, and by what key. */
export type LimitName =
  | 'auth-address' // wrong or ended bearer tokens, per client address
  | 'unlock-session' // unknown unlock tokens, per session
  | 'unlock-address' // unknown unlock tokens, per client address
  | 'chat-session' // chat sends, per session
  | 'chat-address' // chat sends, per client address
  | 'upload-session' // attachment uploads, per session
  | 'upload-address' // attachment uploads, per client address
  | 'upload-mib-session'; // attachment bytes (MiB, by Content-Length), per session

/** The defaults: far above what a person does, far below what a script does. */
export const DEFAULT_RATES: Readonly<Record<LimitName, Rate>> = {
  'auth-address': { burst: 60, perMinute: 60 },
  'unlock-session': { burst: 10, perMinute: 10 },
  'unlock-address': { burst: 30, perMinute: 30 },
  'chat-session': { burst: 30, perMinute: 60 },
  'chat-address': { burst: 120, perMinute: 600 },
  // Uploads have budgets of their own (a message with 5 files is one chat send): 5 messages of 5 files at once, then
  // one file every 2 s; 100 MiB at once (two messages of 5 files of the 10 MiB maximum), then 1 MiB/s.
  'upload-session': { burst: 25, perMinute: 30 },
  'upload-address': { burst: 100, perMinute: 300 },
  'upload-mib-session': { burst: 100, perMinute: 60 },
};

export const LIMIT_NAMES = Object.keys(DEFAULT_RATES) as LimitName[];

/** Reads `NAME=BURST/PER_MINUTE` or `NAME=off` (the `--rate-limit` option); throws on anything else. */
export function parseRateOption(text: string): [LimitName, Rate | null] {
  const match = /^([a-z-]+)=(?:(off)|(\d+)\/(\d+))$/.exec(text.trim());
  const name = match?.[1] as LimitName | undefined;
  if (!match || !name || !LIMIT_NAMES.includes(name)) {
    throw new Error(`--rate-limit ${text}: expected NAME=BURST/PER_MINUTE or NAME=off, NAME one of ${LIMIT_NAMES.join(', ')}`);
  }
  return [name, match[2] ? null : { burst: Number(match[3]), perMinute: Number(match[4]) }];
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;
  readonly rate: Rate;
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(rate: Rate, maxKeys = 100_000, now: () => number = Date.now) {
    this.rate = rate;
    this.#maxKeys = maxKeys;
    this.#now = now;
    this.#perMs = rate.perMinute / 60_000;
  }

  #level(key: string): { tokens: number; at: number } {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: this.rate.burst, at: now };
    return { tokens: Math.min(this.rate.burst, bucket.tokens + (now - bucket.at) * this.#perMs), at: now };
  }

  /**
   * Seconds until `amount` (default one request) is allowed (0 = now), without using it. An amount above the burst
   * needs a full bucket (else it could never pass) and then empties it.
   */
  wait(key: string, amount = 1): number {
    const need = Math.min(amount, this.rate.burst);
    const { tokens } = this.#level(key);
    if (tokens >= need) return 0;
    return this.#perMs > 0 ? Math.max(1, Math.ceil((need - tokens) / this.#perMs / 1000)) : 3600;
  }

  /** Uses `amount` (default one request); answers the seconds to wait when not enough was left (0 = allowed). */
  take(key: string, amount = 1): number {
    const wait = this.wait(key, amount);
    if (wait > 0) return wait;
    const level = this.#level(key);
    this.#buckets.delete(key); // re-insert: the map's order is then least recently used first
    if (this.#buckets.size >= this.#maxKeys) this.#evict();
    this.#buckets.set(key, { tokens: level.tokens - Math.min(amount, this.rate.burst), at: level.at });
    return 0;
  }

  /** Keeps memory bounded: forgets full buckets (they are the default anyway), else the least recently used. */
  #evict(): void {
    for (const key of this.#buckets.keys()) if (this.#level(key).tokens >= this.rate.burst) this.#buckets.delete(key);
    if (this.#buckets.size >= this.#maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
  }
}
