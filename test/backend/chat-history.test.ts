import { expect } from '@open-wc/testing';
import { SupportError, type SupportBackend } from '../../src/backend/index.js';
import { ChatHistory, type HistoryUpdate, type SyncOutcome } from '../../src/backend/chat/chat-history.js';
import type { ChatMessage, Session } from '../../src/core/index.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const msg = (id: string, seq: number, sentAt = NOW, author: ChatMessage['author'] = 'support', clientId: string | null = null): ChatMessage => ({
  id, clientId, seq, author, authorName: author === 'support' ? 'Lena' : 'Anna', text: id, sentAt,
});

/** A backend that answers only what the history asks: the session (for the zone) and listings. */
function listingBackend(listing: () => ChatMessage[], zone = 'Europe/Berlin') {
  const calls: { afterSeq?: number }[] = [];
  let fail: SupportError | null = null;
  const backend = {
    getSession: async () => ({ tenant: { timeZone: zone } }) as unknown as Session,
    listChatMessages: async (options: { afterSeq?: number } = {}) => {
      calls.push(options);
      if (fail) throw fail;
      return listing().filter((m) => m.seq > (options.afterSeq ?? -1));
    },
  } as unknown as SupportBackend;
  return { backend, calls, failWith: (error: SupportError | null) => (fail = error) };
}

function history(now = () => NOW) {
  const updates: HistoryUpdate[] = [];
  const outcomes: SyncOutcome[] = [];
  const h = new ChatHistory({ now, onUpdate: (u) => updates.push(u), onSynced: (o) => void outcomes.push(o) });
  return { h, updates, outcomes };
}

describe('chat: ChatHistory', () => {
  const signal = new AbortController().signal;

  it('merges by id in sequence order, reports what was new, and replaces a known seq under another id', () => {
    const { h, updates } = history();
    expect(h.merge([msg('b', 2), msg('a', 1)], 'cache').map((m) => m.id)).to.deep.equal(['a', 'b']);
    expect(h.merge([msg('a', 1), msg('c', 3)], 'live').map((m) => m.id)).to.deep.equal(['c']);
    const before = h.messages;
    expect(h.merge([msg('c', 3)], 'tab')).to.deep.equal([]);
    expect(h.messages, 'nothing new: the same array').to.equal(before);
    expect(updates.at(-1)).to.include({ source: 'tab', changed: false });
    expect(updates.at(-1)!.incoming.map((m) => m.id), 'known messages still come in (they confirm sends)').to.deep.equal(['c']);
    h.merge([msg('b2', 2)], 'live'); // a reset server numbers anew
    expect(h.messages.map((m) => m.id)).to.deep.equal(['a', 'b2', 'c']);
  });

  it('reconciles a full listing: the truth up to its last seq, later live messages stay, unlisted cached ones go', () => {
    const { h } = history();
    h.merge([msg('old', 1), msg('gone', 2)], 'cache');
    h.merge([msg('live', 9)], 'live');
    h.merge([msg('cached-later', 10)], 'cache');
    h.reconcile([msg('old', 1), msg('new', 3)]);
    expect(h.messages.map((m) => m.id)).to.deep.equal(['old', 'new', 'live']);
  });

  const retention: [zone: string, now: string, kept: string, dropped: string][] = [
    // 21 calendar days in the tenant's zone, to the millisecond.
    ['Europe/Berlin', '2026-11-25T10:00:00Z', '2026-11-04T10:00:00.000Z', '2026-11-04T09:59:59.999Z'],
    // Over the end of daylight saving time (25 Oct in Berlin): still the same wall time.
    ['Europe/Berlin', '2026-11-05T12:00:00Z', '2026-10-15T11:00:00.000Z', '2026-10-15T10:59:59.999Z'],
    // Another zone: New York leaves daylight saving time on 1 Nov.
    ['America/New_York', '2026-11-10T15:00:00Z', '2026-10-20T14:00:00.000Z', '2026-10-20T13:59:59.999Z'],
  ];
  for (const [zone, now, kept, dropped] of retention) {
    it(`keeps 21 days in ${zone} at ${now}: ${kept} stays, ${dropped} goes`, async () => {
      const { h } = history(() => new Date(now));
      const { backend } = listingBackend(() => [msg('dropped', 1, new Date(dropped)), msg('kept', 2, new Date(kept))], zone);
      await h.sync(backend, signal);
      expect(h.zone).to.equal(zone);
      expect(h.messages.map((m) => m.id)).to.deep.equal(['kept']);
    });
  }

  it('prunes while running, as the clock moves on', () => {
    let now = NOW;
    const { h } = history(() => now);
    h.merge([msg('a', 1, new Date('2026-11-05T10:00:00Z')), msg('b', 2, new Date('2026-11-20T10:00:00Z'))], 'live');
    expect(h.prune()).to.equal(false);
    now = new Date('2026-11-27T10:00:00Z');
    expect(h.prune()).to.equal(true);
    expect(h.messages.map((m) => m.id)).to.deep.equal(['b']);
  });

  it('lists in full first, then catches up by afterSeq only', async () => {
    let listing = [msg('a', 1), msg('b', 2)];
    const { h, outcomes } = history();
    const { backend, calls } = listingBackend(() => listing);
    await h.sync(backend, signal);
    expect(outcomes).to.deep.equal([{ ok: true, full: true }]);
    listing = [...listing, msg('c', 3), msg('d', 4)];
    await h.sync(backend, signal);
    expect(calls).to.deep.equal([{}, { afterSeq: 2 }]);
    expect(h.messages.map((m) => m.id)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(h.syncedSeq).to.equal(4);
    await h.resync(backend, signal);
    expect(calls.at(-1)).to.deep.equal({});
  });

  it('lists again when the connection dropped while a listing was under way', async () => {
    let listing = [msg('a', 1)];
    const { h } = history();
    const { backend, calls } = listingBackend(() => listing);
    const first = h.sync(backend, signal);
    h.gap(); // the connection closed: what arrives meanwhile may be missed by the listing under way
    listing = [...listing, msg('b', 2)];
    const second = h.sync(backend, signal);
    await Promise.all([first, second]);
    expect(calls).to.have.length(2);
    expect(h.messages.map((m) => m.id)).to.deep.equal(['a', 'b']);
  });

  it('reports failures; a lost session empties the history', async () => {
    const { h, outcomes } = history();
    const { backend, failWith } = listingBackend(() => [msg('a', 1)]);
    await h.sync(backend, signal);
    failWith(new SupportError('network', 'offline'));
    await h.sync(backend, signal);
    expect(outcomes.at(-1)).to.deep.include({ ok: false });
    expect(h.messages).to.have.length(1);
    failWith(new SupportError('unauthorized', 'signed out'));
    await h.resync(backend, signal);
    expect((outcomes.at(-1) as { error: SupportError }).error.kind).to.equal('unauthorized');
    expect(h.messages).to.deep.equal([]);
  });
});
