import { expect } from '@open-wc/testing';
import { TabCoordinator, type TabMessage } from '../../src/backend/chat/tab-coordinator.js';
import { until } from '../helpers/backend.js';

function tab(name: string | null) {
  const received: TabMessage[] = [];
  let leads = 0;
  const coordinator = new TabCoordinator({ onMessage: (m) => received.push(m), onLeader: () => (leads += 1) });
  const abort = new AbortController();
  coordinator.start(name, abort.signal);
  return { coordinator, received, abort, leads: () => leads };
}

describe('chat: TabCoordinator', () => {
  it('leads at once without a shared name (no cache: nothing to share)', () => {
    const alone = tab(null);
    expect(alone.coordinator.leader).to.equal(true);
    expect(alone.leads()).to.equal(1);
    alone.abort.abort();
    expect(alone.coordinator.leader).to.equal(false);
  });

  it('makes exactly one of the tabs of a name the sender; the next one takes over when it stops', async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const tabs = [tab(name), tab(name), tab(name)];
    await until(() => tabs.some((t) => t.coordinator.leader));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabs.filter((t) => t.coordinator.leader)).to.have.length(1);
    const first = tabs.find((t) => t.coordinator.leader)!;
    first.abort.abort();
    await until(() => tabs.some((t) => t !== first && t.coordinator.leader), 3000, 'a new sender');
    expect(tabs.filter((t) => t.coordinator.leader)).to.have.length(1);
    tabs.forEach((t) => t.abort.abort());
  });

  it('tells the other tabs of the same name, not itself and not other names', async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const [a, b, stranger] = [tab(name), tab(name), tab(`${name}-other`)];
    a.coordinator.post({ type: 'read', seq: 7 });
    await until(() => b.received.length === 1);
    expect(b.received).to.deep.equal([{ type: 'read', seq: 7 }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.received).to.deep.equal([]);
    expect(stranger.received).to.deep.equal([]);
    b.abort.abort();
    a.coordinator.post({ type: 'outbox' }); // to a stopped tab: nothing arrives, nothing throws
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(b.received).to.have.length(1);
    [a, stranger].forEach((t) => t.abort.abort());
  });
});
