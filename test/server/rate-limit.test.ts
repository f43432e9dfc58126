import { expect } from '@open-wc/testing';
import { RateLimiter } from '../../server/rate-limit.js';

/** The reference server's token buckets (server/rate-limit.ts) on a clock of the test's own. */
describe('RateLimiter', () => {
  const limiter = (burst: number, perMinute: number) => {
    let now = 0;
    const bucket = new RateLimiter({ burst, perMinute }, 100, () => now);
    return { bucket, advance: (ms: number) => (now += ms) };
  };

  it('allows the burst at once, then one request per refill interval, and says how long to wait', () => {
    const { bucket, advance } = limiter(3, 60); // one a second
    expect([bucket.take('a'), bucket.take('a'), bucket.take('a')]).to.deep.equal([0, 0, 0]);
    expect(bucket.take('a'), 'the fourth waits a second').to.equal(1);
    expect(bucket.take('b'), 'another key has its own bucket').to.equal(0);
    advance(1000);
    expect(bucket.take('a')).to.equal(0);
    expect(bucket.wait('a')).to.equal(1);
  });

  it('takes amounts (the byte budgets): all or nothing, and an amount above the burst needs a full bucket', () => {
    const cases: { burst: number; perMinute: number; takes: number[]; expected: number[] }[] = [
      // 2 MiB at once, 1 MiB a minute: 1.5 passes, then 1 waits for the missing half (30 s).
      { burst: 2, perMinute: 1, takes: [1.5, 1], expected: [0, 30] },
      // A refused amount uses nothing: the smaller one after it still passes.
      { burst: 2, perMinute: 1, takes: [1.5, 1, 0.5], expected: [0, 30, 0] },
      // 10 from a bucket of 5: passes when full, empties it; the next waits for a full bucket again (5 min).
      { burst: 5, perMinute: 1, takes: [10, 10], expected: [0, 300] },
      // Zero costs nothing.
      { burst: 1, perMinute: 1, takes: [1, 0], expected: [0, 0] },
    ];
    for (const { burst, perMinute, takes, expected } of cases) {
      const { bucket } = limiter(burst, perMinute);
      expect(takes.map((amount) => bucket.take('k', amount)), `${burst}/${perMinute}: ${takes.join(', ')}`).to.deep.equal(expected);
    }
  });
});
