// The server's event hub (server/hub.ts) on its own: which frames reach which stream, and no chat message twice.
// It has no run-time Node dependency, so it runs here with a recording stand-in for the HTTP response.
import { expect } from '@open-wc/testing';
import type { ServerResponse } from 'node:http';
import { Hub, type StreamConnection } from '../../server/hub.js';
import type { ChatMessage } from '../../src/core/index.js';
import type { SupportEvent } from '../../src/backend/backend.js';

function connection(tenantId = 't1', userId = 'u1'): StreamConnection & { written: string[] } {
  const written: string[] = [];
  const res = {
    write: (text: string) => written.push(text) > 0,
    end: (text?: string) => void (text && written.push(text)),
    destroy: () => {},
    once: () => res,
    writableLength: 0,
  };
  return { tenantId, userId, session: `${tenantId}/${userId}`, res: res as unknown as ServerResponse, openedAt: 0, written };
}

const chat = (seq: number): SupportEvent => ({
  type: 'chat-message',
  message: { id: `m${seq}`, seq, clientId: null, author: 'support', authorName: 'Lena', text: `#${seq}`, sentAt: '2026-12-04T10:00:00.000Z' } as unknown as ChatMessage,
});
const seqs = (c: { written: string[] }) => c.written.join('').match(/^id: \d+$/gm)?.map((l) => Number(l.slice(4))) ?? [];

describe('server hub', () => {
  it('holds what is published during a replay and writes it after, without what the replay covered', () => {
    const hub = new Hub();
    const c = connection();
    hub.add(c, () => {}, { hold: true });
    hub.publish({ tenantId: 't1' }, chat(4));
    hub.publish({ tenantId: 't1' }, chat(5));
    expect(c.written).to.deep.equal([]);
    hub.release(c, 'id: 3\n\nid: 4\n\n', 4);
    expect(seqs(c)).to.deep.equal([3, 4, 5]);
  });

  it('does not write a chat message again that reaches the hub after the replay that contained it', () => {
    // With several instances a message is published when its notification has been read back, which can be after
    // a reconnecting stream's replay already found the committed row.
    const hub = new Hub();
    const c = connection();
    hub.add(c, () => {}, { hold: true });
    hub.release(c, 'id: 7\n\nid: 8\n\n', 8);
    hub.publish({ tenantId: 't1' }, chat(8));
    hub.publish({ tenantId: 't1' }, chat(9));
    expect(seqs(c)).to.deep.equal([7, 8, 9]);
  });

  it('delivers to the audience only: the tenant, and the user when one is named', () => {
    const hub = new Hub();
    const mine = connection('t1', 'u1');
    const colleague = connection('t1', 'u2');
    const other = connection('t2', 'u1');
    for (const c of [mine, colleague, other]) hub.add(c);
    hub.publish({ tenantId: 't1', userId: 'u1' }, chat(1));
    hub.publish({ tenantId: 't1' }, chat(2));
    expect([seqs(mine), seqs(colleague), seqs(other)]).to.deep.equal([[1, 2], [2], []]);
  });
});
