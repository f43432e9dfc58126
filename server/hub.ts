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

/**
 * Why the server ended a stream (a comment line names it; the client reconnects unless the session is gone).
 * `slow`: the client did not read and the bytes waiting for it passed the bound; `too-many`: the session opened more
 * streams than allowed and this was its oldest.
 */
export type CloseReason = 'signed-out' | 'lifetime' | 'shutdown' | 'slow' | 'too-many';

export interface HubOptions {
  /** Bytes that may wait in one stream's buffers (Node's and the socket's) before the stream is dropped. Default 256 KiB. */
  readonly maxBufferedBytes?: number;
  /** Open streams per session; opening one more closes the session's oldest. Default 8. */
  readonly maxStreamsPerSession?: number;
}

/** One `text/event-stream` frame. Chat messages carry their `seq` as the event id (the catch-up point). */
export function frame(event: SupportEvent): string {
  const id = event.type === 'chat-message' ? `id: ${event.message.seq}\n` : '';
  return `event: ${event.type}\n${id}data: ${JSON.stringify(event)}\n\n`;
}

/** The open event streams, and delivery of events to the ones an audience covers. */
export class Hub {
  readonly #connections = new Set<StreamConnection>();
  /** The same connections by session, each set in opening order (oldest first). */
  readonly #bySession = new Map<string, Set<StreamConnection>>();
  readonly #listeners = new Set<(audience: Audience, event: SupportEvent) => void>();
  readonly #onClose = new WeakMap<StreamConnection, () => void>();
  /**
   * Streams registered but still replaying (their catch-up is read asynchronously): what is published for them waits
   * here, with the chat seq of each frame, until `release`.
   */
  readonly #held = new WeakMap<StreamConnection, { text: string; seq: number | null }[]>();
  /**
   * The highest chat seq a released stream's replay or head covered. An event can reach the hub after the replay
   * that already contained it: with several instances, a message is published once its notification has been read
   * back, which may be after another request saw the committed row. Chat frames at or below it are not written again.
   */
  readonly #covered = new WeakMap<StreamConnection, number>();
  /** Bytes of a stream's opening replay still allowed on top of the bound, until its buffers first drain. */
  readonly #backlog = new WeakMap<StreamConnection, number>();
  readonly #maxBufferedBytes: number;
  readonly #maxStreamsPerSession: number;
  /** Streams closed so far, by reason (for the load test and the test-control stats). */
  readonly closed: Record<CloseReason, number> = { 'signed-out': 0, lifetime: 0, shutdown: 0, slow: 0, 'too-many': 0 };

  constructor(options: HubOptions = {}) {
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 256 * 1024;
    this.#maxStreamsPerSession = options.maxStreamsPerSession ?? 8;
  }

  get size(): number {
    return this.#connections.size;
  }

  /** Open streams and the bytes waiting in their buffers (largest single stream and total). */
  stats(): { open: number; bufferedBytes: number; maxBufferedBytes: number; bound: number; closed: Record<CloseReason, number> } {
    let total = 0;
    let largest = 0;
    for (const c of this.#connections) {
      const n = c.res.writableLength;
      total += n;
      largest = Math.max(largest, n);
    }
    return { open: this.#connections.size, bufferedBytes: total, maxBufferedBytes: largest, bound: this.#maxBufferedBytes, closed: { ...this.closed } };
  }

  /**
   * Registers a stream; `onClose` runs once when it is closed by the hub or removed. A session at its cap loses its
   * oldest stream first (the newest is the one a user is looking at; the oldest is likely a closed tab behind a proxy
   * that has not noticed yet). Returns the removal.
   */
  add(connection: StreamConnection, onClose: () => void = () => {}, options: { hold?: boolean } = {}): () => void {
    if (options.hold) this.#held.set(connection, []);
    else this.#noteBacklog(connection);
    let same = this.#bySession.get(connection.session);
    if (!same) this.#bySession.set(connection.session, (same = new Set()));
    while (same.size >= this.#maxStreamsPerSession) this.close(same.values().next().value!, 'too-many');
    same.add(connection);
    this.#connections.add(connection);
    this.#onClose.set(connection, onClose);
    return () => this.#remove(connection);
  }

  // The catch-up replay written at opening may be large: it does not count against the bound until it has drained.
  #noteBacklog(connection: StreamConnection): void {
    const backlog = connection.res.writableLength;
    if (backlog > 0) {
      this.#backlog.set(connection, backlog);
      connection.res.once('drain', () => this.#backlog.delete(connection));
    }
  }

  /**
   * Ends the hold of a stream added with `hold`: writes its opening `text` (the catch-up replay and the ready frame),
   * then what was published meanwhile, except chat messages with `seq <= upToSeq` (the replay or the head already
   * covers them: no duplicates). Registering before reading the replay is what makes a message that commits during
   * the read reach the stream: either the read finds it or it waits here.
   */
  release(connection: StreamConnection, text: string, upToSeq: number): void {
    const held = this.#held.get(connection);
    if (!held || !this.#connections.has(connection)) return;
    this.#held.delete(connection);
    this.#covered.set(connection, upToSeq);
    connection.res.write(text);
    this.#noteBacklog(connection);
    for (const frame of held) if (frame.seq === null || frame.seq > upToSeq) this.#write(connection, frame.text);
  }

  #remove(connection: StreamConnection): boolean {
    if (!this.#connections.delete(connection)) return false;
    const same = this.#bySession.get(connection.session);
    same?.delete(connection);
    if (same?.size === 0) this.#bySession.delete(connection.session);
    this.#onClose.get(connection)?.();
    return true;
  }

  /**
   * Ends a stream: a comment with the reason, then the end of the response. A slow stream is dropped at once (its
   * socket destroyed, its buffers freed): waiting for it to drain is what it cannot do.
   */
  close(connection: StreamConnection, reason: CloseReason): void {
    if (!this.#remove(connection)) return;
    this.closed[reason] += 1;
    if (reason === 'slow') connection.res.destroy();
    else connection.res.end(`: closed (${reason})\n\n`);
  }

  /** Writes to one stream; a stream whose unread bytes pass the bound is dropped (the client catches up by Last-Event-ID). */
  #write(connection: StreamConnection, text: string): void {
    connection.res.write(text);
    if (connection.res.writableLength > this.#maxBufferedBytes + (this.#backlog.get(connection) ?? 0)) this.close(connection, 'slow');
  }

  /** Server-side observers (the simulated agent). */
  listen(listener: (audience: Audience, event: SupportEvent) => void): void {
    this.#listeners.add(listener);
  }

  publish(audience: Audience, event: SupportEvent): void {
    const text = frame(event);
    const seq = event.type === 'chat-message' ? event.message.seq : null;
    for (const c of this.#connections) {
      if (c.tenantId !== audience.tenantId) continue;
      if (audience.userId !== undefined && c.userId !== audience.userId) continue;
      const held = this.#held.get(c);
      if (held) held.push({ text, seq });
      else if (seq === null || seq > (this.#covered.get(c) ?? -1)) this.#write(c, text);
    }
    for (const listener of this.#listeners) listener(audience, event);
  }

  /**
   * Closes the streams (of one user, or all) whose session `valid` no longer accepts (signed out, expired, deleted).
   * Each session is asked once per call; the answers may come by promise (PostgreSQL), then so does the count of
   * streams closed.
   */
  recheck(
    valid: (session: string) => boolean | Promise<boolean>,
    only?: { readonly tenantId: string; readonly userId: string },
  ): number | Promise<number> {
    const targets = [...this.#connections].filter((c) => !only || (c.tenantId === only.tenantId && c.userId === only.userId));
    const sessions = [...new Set(targets.map((c) => c.session))];
    const answers = sessions.map((session) => valid(session));
    const apply = (oks: readonly boolean[]): number => {
      const ended = new Set(sessions.filter((_, i) => !oks[i]));
      let closed = 0;
      for (const c of targets) {
        if (!ended.has(c.session) || !this.#connections.has(c)) continue;
        this.close(c, 'signed-out');
        closed += 1;
      }
      return closed;
    };
    return answers.some((a) => a instanceof Promise) ? Promise.all(answers).then(apply) : apply(answers as boolean[]);
  }

  /**
   * The heartbeat: re-checks every stream's session (closing those that ended), then writes a comment to the rest,
   * which keeps proxies and the client's watchdog from calling the stream dead.
   */
  ping(valid: (session: string) => boolean | Promise<boolean>): void {
    const pingAll = () => {
      // deleting while iterating a Set is safe; a held stream gets its pings once released
      for (const c of this.#connections) if (!this.#held.has(c)) this.#write(c, ': ping\n\n');
    };
    const closed = this.recheck(valid);
    if (closed instanceof Promise) void closed.then(pingAll, pingAll);
    else pingAll();
  }

  closeAll(): void {
    for (const c of [...this.#connections]) this.close(c, 'shutdown');
  }
}
