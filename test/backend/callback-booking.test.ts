import { expect } from '@open-wc/testing';
import { SupportError, validateBackend, type SupportBackend } from '../../src/backend/index.js';
import { testBackends } from '../helpers/backend.js';

// Tue 24 Nov 2026 10:00 Berlin.
const now = () => new Date('2026-11-24T09:00:00Z');

describe('callback booking rules of the demo backend', () => {
  let env: ReturnType<typeof testBackends>;
  beforeEach(() => {
    env = testBackends({ history: false, now, callbackCapacity: 2 });
  });
  afterEach(() => env.cleanup());

  const input = (start: string) => ({ topicId: 'short-question', start: new Date(start), phone: '+49 241 123456', note: '' });

  const layers: [string, () => SupportBackend][] = [
    ['the demo backend itself', () => env.demo],
    ['the validating boundary', () => validateBackend(env.demo)],
    ['the caching backend', () => env.cached],
  ];
  for (const [name, backend] of layers) {
    it(`two concurrent bookings through ${name}: exactly one succeeds, the other is refused with booking-exists`, async () => {
      const b = backend();
      const results = await Promise.allSettled([b.bookCallback(input('2026-11-25T08:00:00Z')), b.bookCallback(input('2026-11-26T08:00:00Z'))]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).to.have.length(1);
      expect(rejected).to.have.length(1);
      const error = rejected[0]!.reason as SupportError;
      expect(error).to.be.instanceOf(SupportError);
      expect([error.kind, error.reason]).to.deep.equal(['conflict', 'booking-exists']);
      const stored = await env.demo.getCallbackBooking();
      expect(stored!.id).to.equal((fulfilled[0] as PromiseFulfilledResult<{ id: string }>).value.id);
    });
  }

  it('ten concurrent attempts still give exactly one booking', async () => {
    const starts = Array.from({ length: 10 }, (_, i) => new Date(Date.parse('2026-11-25T08:00:00Z') + i * 30 * 60_000).toISOString());
    const results = await Promise.allSettled(starts.map((s) => env.cached.bookCallback(input(s))));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
  });

  it('refuses a full window with window-taken, and a past or too-soon one with window-invalid', async () => {
    env.demo.control.takeWindow('short-question', new Date('2026-11-25T08:00:00Z'));
    const taken = await env.demo.bookCallback(input('2026-11-25T08:00:00Z')).catch((e: SupportError) => e);
    expect([(taken as SupportError).kind, (taken as SupportError).reason]).to.deep.equal(['conflict', 'window-taken']);
    const soon = await env.demo.bookCallback(input('2026-11-24T09:30:00Z')).catch((e: SupportError) => e);
    expect([(soon as SupportError).kind, (soon as SupportError).reason]).to.deep.equal(['conflict', 'window-invalid']);
    const bad = await env.demo
      .bookCallback({ ...input('2026-11-25T09:00:00Z'), phone: '+49 0241' })
      .catch((e: SupportError) => e);
    expect((bad as SupportError).kind).to.equal('invalid-request');
  });
});
