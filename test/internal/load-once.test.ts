import { expect } from '@open-wc/testing';
import { loadOnce } from '../../src/internal/load-once.js';

describe('loadOnce', () => {
  it('loads once and shares the promise between callers', async () => {
    let calls = 0;
    const load = loadOnce(async () => ++calls);
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load()]).to.deep.equal([1, 1, 1]);
    expect(calls).to.equal(1);
  });

  it('forgets a failed load, so the next call loads again', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return 'loaded';
    });
    let failure: unknown;
    await load().catch((error: unknown) => (failure = error));
    expect(String(failure)).to.contain('offline');
    expect(await load()).to.equal('loaded');
    expect(await load()).to.equal('loaded');
    expect(calls).to.equal(2);
  });
});
