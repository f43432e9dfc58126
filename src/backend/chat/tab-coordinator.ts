import type { ChatMessage } from '../../core/types.js';

/** What tabs tell each other about one user's chat. */
export type TabMessage =
  | { readonly type: 'outbox'; readonly now?: boolean } // the outbox changed: read it again (the sending tab sends it; `now`: ignoring backoff)
  | { readonly type: 'message'; readonly message: ChatMessage } // a message was confirmed
  | { readonly type: 'read'; readonly seq: number }; // messages up to seq were read

export interface TabCoordinatorOptions {
  /** A message from another tab of the same user. */
  readonly onMessage: (message: TabMessage) => void;
  /** This tab became the one that sends (at once without a shared name or without Web Locks). */
  readonly onLeader: () => void;
}

/**
 * The tabs of one user that share a cache database: exactly one of them — the holder of a Web Lock named after the
 * database — is the leader (the chat's sender), and a BroadcastChannel of the same name carries {@link TabMessage}s.
 * When the leader's tab closes or its session stops, the browser hands the lock to the next tab that waits for it.
 * Without a shared name (no cache) or without Web Locks, every tab leads: the outbox's clientIds keep sending
 * exactly-once, only less economical.
 */
export class TabCoordinator {
  readonly #o: TabCoordinatorOptions;
  #channel: BroadcastChannel | null = null;
  #leader = false;

  constructor(options: TabCoordinatorOptions) {
    this.#o = options;
  }

  /** `true` in the tab that sends. */
  get leader(): boolean {
    return this.#leader;
  }

  /** Joins the tabs sharing `name` (`null`: alone) until `signal` aborts. */
  start(name: string | null, signal: AbortSignal): void {
    if (signal.aborted) return;
    signal.addEventListener('abort', () => this.#stop(), { once: true });
    if (!name) {
      this.#lead();
      return;
    }
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(`support-widgets:chat:${name}`);
      channel.onmessage = (event: MessageEvent<TabMessage>) => {
        if (!signal.aborted) this.#o.onMessage(event.data);
      };
      this.#channel = channel;
    }
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      this.#lead();
      return;
    }
    locks
      .request(`support-widgets:chat-outbox:${name}`, { signal }, () => {
        if (signal.aborted) return undefined;
        this.#lead();
        // Hold the lock until this session stops; the browser releases it when the tab closes.
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      })
      .catch(() => undefined); // aborted while waiting
  }

  /** Tells the other tabs (a closed channel drops it: they learn from the backend's live events instead). */
  post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // closed meanwhile
    }
  }

  #lead(): void {
    this.#leader = true;
    this.#o.onLeader();
  }

  #stop(): void {
    this.#leader = false;
    this.#channel?.close();
    this.#channel = null;
  }
}
