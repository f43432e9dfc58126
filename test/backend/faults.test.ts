import { expect } from '@open-wc/testing';
import { createDemoBackend, withFaults, SupportError } from '../../src/backend/index.js';
import type { SupportEvent } from '../../src/backend/backend.js';
import { until } from '../helpers/backend.js';

describe('fault wrapper', () => {
  const demo = () => createDemoBackend({ agentDelayMs: null, loginDelayMs: null });

  it("keeps a caching backend's clock synchronous (elements read their time from it)", () => {
    const instant = new Date('2026-03-29T00:30:00Z');
    const inner = Object.assign(createDemoBackend(), { now: () => instant });
    const faulty = withFaults(inner, { offline: true }) as unknown as { now: () => Date };
    expect(faulty.now()).to.equal(instant);
  });

  it('fails every call while offline and recovers', async () => {
    const faulty = withFaults(demo(), { offline: true });
    const error = await faulty.getTenantInfo().catch((e: unknown) => e);
    expect((error as SupportError).kind).to.equal('network');
    faulty.set({ offline: false });
    expect((await faulty.getTenantInfo()).tenantName).to.equal('musterimmo');
    expect(faulty.calls['getTenantInfo']).to.equal(2);
  });

  it('injects errors at the given rate (seeded random)', async () => {
    let i = 0;
    const sequence = [0.1, 0.9, 0.2, 0.8];
    const faulty = withFaults(demo(), { errorRate: 0.5 }, () => sequence[i++ % sequence.length]!);
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => faulty.getTenantInfo()));
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('drops responses after the backend acted (the idempotency case)', async () => {
    const inner = demo();
    const faulty = withFaults(inner, { dropRate: 1 });
    const error = await faulty.sendChatMessage({ clientId: 'k1', text: 'hi' }).catch((e: unknown) => e);
    expect((error as SupportError).kind).to.equal('network');
    expect(inner.control.chatMessageCount('k1')).to.equal(1);
  });

  it('adds latency and honours abort during it', async () => {
    const faulty = withFaults(demo(), { latencyMs: 200 });
    const start = performance.now();
    await faulty.getTenantInfo();
    expect(performance.now() - start).to.be.greaterThan(150);
    const controller = new AbortController();
    const pending = faulty.getTenantInfo(controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(((await pending) as SupportError).kind).to.equal('aborted');
  });

  it('announces connection closed/open and drops live events while offline', async () => {
    const inner = demo();
    const faulty = withFaults(inner);
    const events: SupportEvent[] = [];
    const controller = new AbortController();
    faulty.subscribe((e) => events.push(e), controller.signal);
    await until(() => events.length === 1, 5000, 'the first open');
    faulty.set({ offline: true });
    inner.control.pushSupportMessage('lost while offline');
    faulty.set({ offline: false });
    inner.control.pushSupportMessage('after reconnect');
    await until(() => events.length >= 4, 5000, 'the message after reconnecting');
    controller.abort();
    const summary = events.map((e) => (e.type === 'connection' ? e.state : e.type === 'chat-message' ? e.message.text : e.type));
    expect(summary).to.deep.equal(['open', 'closed', 'open', 'after reconnect']);
  });
});
