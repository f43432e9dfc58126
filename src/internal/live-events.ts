import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SupportBackend, SupportEvent } from '../backend/backend.js';

/**
 * Keeps one live subscription (`backend.subscribe`) for an element: opened while the element is connected and
 * `source()` returns a backend, re-opened when that backend changes, closed on disconnect or when `source()` returns
 * `undefined` (e.g. a closed popup).
 */
export class LiveEvents implements ReactiveController {
  readonly #source: () => SupportBackend | undefined;
  readonly #listener: (event: SupportEvent) => void;
  #backend: SupportBackend | undefined;
  #controller: AbortController | null = null;
  #connected = false;

  constructor(host: ReactiveControllerHost, source: () => SupportBackend | undefined, listener: (event: SupportEvent) => void) {
    this.#source = source;
    this.#listener = listener;
    host.addController(this);
  }

  /** `true` while subscribed. */
  get subscribed(): boolean {
    return this.#controller !== null;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #sync(): void {
    const backend = this.#connected ? this.#source() : undefined;
    if (backend === this.#backend && (this.#controller !== null) === (backend !== undefined)) return;
    this.#stop();
    this.#backend = backend;
    if (!backend) return;
    const controller = new AbortController();
    this.#controller = controller;
    backend.subscribe((event) => {
      if (!controller.signal.aborted) this.#listener(event);
    }, controller.signal);
  }

  #stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#backend = undefined;
  }
}
