import type { ServerResponse } from 'node:http';
import type { SupportEvent } from '../src/backend/backend.js';
import type { Audience } from './store.js';

interface Connection {
  readonly tenantId: string;
  readonly userId: string;
  readonly res: ServerResponse;
}

/** One `text/event-stream` frame. Chat messages carry their `seq` as the event id (the catch-up point). */
export function frame(event: SupportEvent): string {
  const id = event.type === 'chat-message' ? `id: ${event.message.seq}\n` : '';
  return `event: ${event.type}\n${id}data: ${JSON.stringify(event)}\n\n`;
}

/** The open event streams, and delivery of events to the ones an audience covers. */
export class Hub {
  readonly #connections = new Set<Connection>();
  readonly #listeners = new Set<(audience: Audience, event: SupportEvent) => void>();

  get size(): number {
    return this.#connections.size;
  }

  add(connection: Connection): () => void {
    this.#connections.add(connection);
    return () => this.#connections.delete(connection);
  }

  /** Server-side observers (the simulated agent). */
  listen(listener: (audience: Audience, event: SupportEvent) => void): void {
    this.#listeners.add(listener);
  }

  publish(audience: Audience, event: SupportEvent): void {
    const text = frame(event);
    for (const c of this.#connections) {
      if (c.tenantId !== audience.tenantId) continue;
      if (audience.userId !== undefined && c.userId !== audience.userId) continue;
      c.res.write(text);
    }
    for (const listener of this.#listeners) listener(audience, event);
  }

  /** Comments keep proxies and the client's watchdog from calling the stream dead. */
  ping(): void {
    for (const c of this.#connections) c.res.write(': ping\n\n');
  }

  closeAll(): void {
    for (const c of this.#connections) c.res.end();
    this.#connections.clear();
  }
}
