import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The longest delay `setTimeout` keeps (about 24.8 days); a later change is re-armed when this one fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface ChangeTimerOptions {
  /** The host's clock. */
  readonly now: () => Date;
  /** When what the host shows changes next (support opens, a hotline tier ends); `null` for never. Read after every update. */
  readonly next: () => Date | null;
}

/**
 * Re-renders its host when the next time-based change is due ("open now" → "closed", day tier → night tier) with a
 * single timer set to that instant, not a poll. After every update it asks the host when the next change is and
 * re-arms the timer only when that instant moved. It also re-renders when the page becomes visible again, because
 * timers sleep with a laptop.
 */
export class ChangeTimer implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ChangeTimerOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor: number | null = null;
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible') this.#host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost, options: ChangeTimerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The instant the timer is armed for, or `null` (tests, debugging). */
  get armedFor(): Date | null {
    return this.#armedFor === null ? null : new Date(this.#armedFor);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.#clear();
  }

  hostUpdated(): void {
    const next = this.#options.next();
    const at = next ? next.getTime() : null;
    if (at === this.#armedFor && this.#timer !== undefined) return;
    this.#clear();
    if (at === null || Number.isNaN(at)) return;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, at - this.#options.now().getTime()));
    this.#armedFor = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#host.requestUpdate();
    }, delay);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = null;
  }
}
