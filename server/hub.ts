import type { ServerResponse } from 'node:http';
import type { SupportEvent } from '../src/backend/backend.js';
import type { Audience } from './store.js';

/** One open `text/event-stream`. */
export interface StreamConnection {
  readonly tenantId: string;
  readonly userId: string;
  /** The hash of the bearer token that opened it: the stream lives only as long as that session. */
  readonly session: string;
  readonly res: ServerResponse;
  readonly openedAt: number;
}

/** Why the server ended a stream (a comment line names it; the client reconnects unless the session is gone). */
export type CloseReason = 'signed-out' | 'lifetime' | 'shutdown';

/** One `text/event-stream` frame. Chat messages carry their `seq` as the event id (the catch-up point). */
export function frame(event: SupportEvent): string {
  const id = event.type === 'chat-message' ? `id: ${event.message.seq}\n` : '';
  return `event: ${event.type}\n${id}data: ${JSON.stringify(event)}\n\n`;
}

/** The open event streams, and delivery of events to the ones an audience covers. */
export class Hub {
  readonly #connections = new Set<StreamConnection>();
  readonly #listeners = new Set<(audience: Audience, event: SupportEvent) => void>();
  readonly #onClose = new WeakMap<StreamConnection, () => void>();

  get size(): number {
    return this.#connections.size;
  }

  /** Registers a stream; `onClose` runs once when it is closed by the hub or removed. Returns the removal. */
  add(connection: StreamConnection, onClose: () => void = () => {}): () => void {
    this.#connections.add(connection);
    this.#onClose.set(connection, onClose);
    return () => this.#remove(connection);
  }

  #remove(connection: StreamConnection): boolean {
    if (!this.#connections.delete(connection)) return false;
    this.#onClose.get(connection)?.();
    return true;
  }

  /** Ends a stream: a comment with the reason, then the end of the response. */
  close(connection: StreamConnection, reason: CloseReason): void {
    if (!this.#remove(connection)) return;
    connection.res.end(`: closed (${reason})\n\n`);
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

  /**
   * Closes the streams (of one user, or all) whose session `valid` no longer accepts (signed out, expired, deleted).
   * Each session is asked once per call. Returns how many streams were closed.
   */
  recheck(valid: (session: string) => boolean, only?: { readonly tenantId: string; readonly userId: string }): number {
    const answers = new Map<string, boolean>();
    let closed = 0;
    for (const c of [...this.#connections]) {
      if (only && (c.tenantId !== only.tenantId || c.userId !== only.userId)) continue;
      let ok = answers.get(c.session);
      if (ok === undefined) answers.set(c.session, (ok = valid(c.session)));
      if (!ok) {
        this.close(c, 'signed-out');
        closed += 1;
      }
    }
    return closed;
  }

  /**
   * The heartbeat: re-checks every stream's session (closing those that ended), then writes a comment to the rest,
   * which keeps proxies and the client's watchdog from calling the stream dead.
   */
  ping(valid: (session: string) => boolean): void {
    this.recheck(valid);
    for (const c of this.#connections) c.res.write(': ping\n\n');
  }

  closeAll(): void {
    for (const c of [...this.#connections]) this.close(c, 'shutdown');
  }
}
