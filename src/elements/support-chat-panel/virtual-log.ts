import type { ChildPart, ReactiveController, ReactiveControllerHost } from 'lit';
import { type Directive, directive, type PartInfo } from 'lit/directive.js';
import { getCommittedValue, getDirectiveClass } from 'lit/directive-helpers.js';
import { repeat as litRepeat, type RepeatDirectiveFn } from 'lit/directives/repeat.js';

type RepeatLike = new (partInfo: PartInfo) => Directive & { render(...args: unknown[]): unknown };
const LitRepeat = getDirectiveClass(litRepeat([], () => null)) as unknown as RepeatLike;

/**
 * Lit's `repeat`, minus a leak: lit-html 3.3's `removePart()` removes an item's content and start marker but leaves
 * its end marker (an empty comment) in the DOM (upstream lit issue #5010). A windowed log removes an item for every
 * message that arrives and every row that scrolls out, so the shadow tree grew by a node per message. This removes
 * the end marker of every item `repeat` dropped; everything else is lit's own `repeat`. Drop it (use lit's) once
 * lit-html releases a fix.
 */
class TidyRepeat extends LitRepeat {
  override update(part: ChildPart, args: unknown[]): unknown {
    const before = getCommittedValue(part);
    const result = super.update(part, args);
    if (Array.isArray(before)) {
      const kept = new Set(getCommittedValue(part) as unknown[]);
      for (const old of before as ChildPart[]) if (!kept.has(old)) (old.endNode as ChildNode | null)?.remove();
    }
    return result;
  }
}

/** `repeat` from `lit/directives/repeat.js`, same signature, without the stray comment per removed item (above). */
export const repeat = directive(TidyRepeat) as unknown as RepeatDirectiveFn;

/** One row of the log: what the windowing needs to know before it is rendered. */
export interface WindowRow {
  /** Stable across renders (a message keeps its key from pending to sent). */
  readonly key: string;
  /** Height guess until the row has been measured, px. */
  readonly estimate: number;
}

export interface VirtualLogOptions {
  /** Rows rendered beyond the visible area on each side, px. */
  readonly overscan?: number;
  /** The scrolling element (the log), once rendered. */
  readonly scroller: () => HTMLElement | null;
}

/** Rows hold `data-row="<key>"`; their heights add up to the content height (no vertical margins). */
const ROW_SELECTOR = '[data-row]';

/**
 * Windowing for a chat log of any length: only the rows in and near the visible area are in the DOM; two spacers
 * stand in for the rest. Heights are estimated until measured, then remembered per row key; the first visible row
 * stays put on screen while rows above it are measured (manual scroll anchoring); the log sticks to the bottom
 * while the reader is there. Width changes forget measured heights (text wraps differently).
 */
export class VirtualLog implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualLogOptions;
  readonly #overscan: number;
  #rows: readonly WindowRow[] = [];
  #index = new Map<string, number>();
  readonly #heights = new Map<string, number>();
  /** offsets[i] = top of row i; offsets[rows.length] = total height. */
  #offsets = new Float64Array(1);
  #start = 0;
  #end = 0;
  #stickToBottom = true;
  /** Where sticking to the bottom last put the scroll position (`null`: not since it was asked to stick). */
  #pinnedAt: number | null = null;
  #anchor: { key: string; top: number } | null = null;
  /** Where `scrollToKey` wants the log scrolled once the rows there are rendered, px. */
  #target: number | null = null;
  #scroller: HTMLElement | null = null;
  #viewport = 600;
  #width = 0;
  #resize: ResizeObserver | null = null;
  #frame = 0;
  readonly #onScroll = () => this.#scrolled();
  /** Called when the reader scrolls to or away from the bottom. */
  onStickChange: ((atBottom: boolean) => void) | null = null;

  constructor(host: ReactiveControllerHost, options: VirtualLogOptions) {
    this.#host = host;
    this.#options = options;
    this.#overscan = options.overscan ?? 500;
    host.addController(this);
  }

  /** The log width the estimates should assume, px (0 until laid out). */
  get width(): number {
    return this.#width;
  }

  /** `true` while the newest message is in view: new rows keep it there. */
  get atBottom(): boolean {
    return this.#stickToBottom;
  }

  /** First rendered row (inclusive) and last (exclusive). */
  get range(): readonly [number, number] {
    return [this.#start, this.#end];
  }

  /** Height of the spacer above the rendered rows, px. */
  get before(): number {
    return this.#offsets[this.#start] ?? 0;
  }

  /** Height of the spacer below the rendered rows, px. */
  get after(): number {
    return (this.#offsets[this.#rows.length] ?? 0) - (this.#offsets[this.#end] ?? 0);
  }

  /** Replaces the rows (same array: nothing happens). Keys seen before keep their measured heights. */
  setRows(rows: readonly WindowRow[]): void {
    if (rows === this.#rows) return;
    this.#rows = rows;
    this.#index = new Map(rows.map((row, i) => [row.key, i]));
    this.#layout();
    this.#pickRange(this.#scrollTop());
  }

  /** Scrolls to the newest row and keeps it in view. */
  scrollToBottom(): void {
    this.#setStick(true);
    this.#pinnedAt = null;
    this.#anchor = null;
    this.#pickRange(Number.MAX_SAFE_INTEGER);
    this.#host.requestUpdate();
  }

  /**
   * Renders the rows around `key` and scrolls them into view (the last row: sticks to the bottom again); `false`
   * when there is no such row. The host positions the row exactly once it is rendered (e.g. `scrollIntoView`).
   */
  scrollToKey(key: string): boolean {
    const index = this.#index.get(key);
    if (index === undefined) return false;
    if (index === this.#rows.length - 1) {
      this.scrollToBottom();
      return true;
    }
    this.#setStick(false);
    this.#anchor = null;
    const top = Math.max(0, (this.#offsets[index] ?? 0) - this.#viewport / 3);
    this.#target = top;
    this.#pickRange(top);
    this.#host.requestUpdate();
    return true;
  }

  hostConnected(): void {
    this.#stickToBottom = true;
    this.#pinnedAt = null;
  }

  hostDisconnected(): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#scroller = null;
    this.#resize?.disconnect();
    this.#resize = null;
    cancelAnimationFrame(this.#frame);
  }

  hostUpdate(): void {
    const scroller = this.#scroller;
    if (scroller) this.#noticeScroll(scroller);
    if (!scroller || this.#stickToBottom || this.#target !== null) {
      this.#anchor = null;
      return;
    }
    // Remember where the first visible row is, to put it back there after rows above it change.
    const top = scroller.getBoundingClientRect().top;
    for (const row of scroller.querySelectorAll<HTMLElement>(ROW_SELECTOR)) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom > top) {
        this.#anchor = { key: row.dataset['row']!, top: rect.top - top };
        break;
      }
    }
    // Keep keyboard focus inside the panel when the focused row is about to leave the DOM.
    const root = (this.#host as unknown as HTMLElement).shadowRoot;
    const focusedRow = (root?.activeElement as HTMLElement | null)?.closest<HTMLElement>(ROW_SELECTOR);
    const index = focusedRow ? this.#index.get(focusedRow.dataset['row']!) : undefined;
    if (focusedRow && (index === undefined || index < this.#start || index >= this.#end)) scroller.focus({ preventScroll: true });
  }

  hostUpdated(): void {
    const scroller = this.#options.scroller();
    if (scroller !== this.#scroller) this.#attach(scroller);
    if (!scroller) return;
    let changed = false;
    for (const row of scroller.querySelectorAll<HTMLElement>(ROW_SELECTOR)) {
      const key = row.dataset['row']!;
      const height = row.offsetHeight;
      if (this.#heights.get(key) !== height && this.#index.has(key)) {
        this.#heights.set(key, height);
        changed = true;
      }
    }
    if (changed) this.#layout();
    this.#viewport = scroller.clientHeight || this.#viewport;
    if (this.#stickToBottom) this.#pin(scroller);
    else if (this.#target !== null) {
      scroller.scrollTop = this.#target;
      this.#target = null;
    } else if (this.#anchor) {
      const element = scroller.querySelector<HTMLElement>(`[data-row="${CSS.escape(this.#anchor.key)}"]`);
      if (element) {
        const delta = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - this.#anchor.top;
        if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
      }
      this.#anchor = null;
    }
    // Only a range that really changes renders again, so measuring can never loop.
    if (this.#needsRange(scroller.scrollTop) && this.#pickRange(scroller.scrollTop)) this.#host.requestUpdate();
  }

  #attach(scroller: HTMLElement | null): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#resize?.disconnect();
    this.#scroller = scroller;
    if (!scroller) return;
    scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    this.#width = scroller.clientWidth;
    this.#resize = new ResizeObserver(() => {
      const width = scroller.clientWidth;
      const height = scroller.clientHeight;
      if (width !== this.#width) {
        // Text wraps differently: measured heights are stale. The host re-estimates with the new width.
        this.#width = width;
        this.#heights.clear();
        this.#host.requestUpdate();
      }
      if (height !== this.#viewport && height > 0) {
        this.#viewport = height;
        this.#noticeScroll(scroller);
        if (this.#stickToBottom) this.#pin(scroller);
        if (this.#needsRange(scroller.scrollTop) && this.#pickRange(scroller.scrollTop)) this.#host.requestUpdate();
      }
    });
    this.#resize.observe(scroller);
  }

  #pin(scroller: HTMLElement): void {
    scroller.scrollTop = scroller.scrollHeight;
    this.#pinnedAt = scroller.scrollTop;
  }

  /**
   * Takes in a scroll away from the bottom whose `scroll` event has not arrived yet (events fire with the next frame):
   * without this, an update in between — a message, a measured row — put the log back at the bottom and the reader's
   * scroll (or a script's `scrollTop = 0`) was lost.
   */
  #noticeScroll(scroller: HTMLElement): void {
    if (!this.#stickToBottom || this.#pinnedAt === null || Math.abs(scroller.scrollTop - this.#pinnedAt) <= 2) return;
    if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight > 2) this.#setStick(false);
  }

  #scrollTop(): number {
    if (this.#stickToBottom || !this.#scroller) return Number.MAX_SAFE_INTEGER;
    return this.#scroller.scrollTop;
  }

  #scrolled(): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    this.#setStick(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 2);
    if (this.#needsRange(scroller.scrollTop)) {
      // Re-render on the next frame at most once: fast flicks do not queue a render per scroll event.
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => {
        if (this.#pickRange(scroller.scrollTop)) this.#host.requestUpdate();
      });
    }
  }

  #setStick(value: boolean): void {
    if (value === this.#stickToBottom) return;
    this.#stickToBottom = value;
    this.onStickChange?.(value);
  }

  #layout(): void {
    const rows = this.#rows;
    const offsets = new Float64Array(rows.length + 1);
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      offsets[i + 1] = offsets[i]! + (this.#heights.get(row.key) ?? row.estimate);
    }
    this.#offsets = offsets;
  }

  /** Index of the row that contains `y` (clamped). */
  #rowAt(y: number): number {
    const offsets = this.#offsets;
    let low = 0;
    let high = this.#rows.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (offsets[mid]! <= y) low = mid;
      else high = mid - 1;
    }
    return Math.max(0, low);
  }

  /** Whether the rendered rows fail to cover the visible area plus half the overscan. */
  #needsRange(scrollTop: number): boolean {
    const total = this.#offsets[this.#rows.length] ?? 0;
    const top = Math.max(0, Math.min(scrollTop, total - this.#viewport) - this.#overscan / 2);
    const bottom = Math.min(total, Math.max(0, scrollTop) + this.#viewport + this.#overscan / 2);
    const from = this.#offsets[this.#start] ?? 0;
    const to = this.#offsets[this.#end] ?? 0;
    return this.#end > this.#rows.length || top < from || bottom > to || to - from > this.#viewport + 4 * this.#overscan;
  }

  /** Picks the rows to render around `scrollTop`; `true` when they differ from the rendered ones. */
  #pickRange(scrollTop: number): boolean {
    const count = this.#rows.length;
    const [start, end] = [this.#start, this.#end];
    if (count === 0) {
      this.#start = this.#end = 0;
    } else {
      const total = this.#offsets[count]!;
      const top = Math.max(0, Math.min(scrollTop, total - this.#viewport));
      this.#start = this.#rowAt(top - this.#overscan);
      this.#end = Math.min(count, this.#rowAt(top + this.#viewport + this.#overscan) + 1);
    }
    return start !== this.#start || end !== this.#end;
  }
}
