/** One dispatched server-sent event (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface ServerSentEvent {
  /** `message` when the stream named none. */
  readonly event: string;
  readonly data: string;
  /** The last event id in force when this event was dispatched (`''` when none was ever set). */
  readonly lastEventId: string;
}

export interface SseParserCallbacks {
  onEvent(event: ServerSentEvent): void;
  /** The stream asked for another reconnection delay (`retry:` field), in ms. */
  onRetry?(ms: number): void;
}

/**
 * An incremental parser of the `text/event-stream` format: feed it decoded text in chunks of any size (a line, a
 * field or a CRLF pair may be split between chunks). Follows the WHATWG rules: `data` lines are joined with `\n`,
 * comments (`:`) are ignored, an `id` containing NUL is ignored, an event with no data is not dispatched, and the
 * last event id carries over to later events until the stream sets another.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #hasData = false;
  #event = '';
  #lastEventId: string;
  /** The previous chunk ended with `\r`: a `\n` at the start of the next one belongs to it. */
  #pendingCr = false;

  constructor(
    private readonly callbacks: SseParserCallbacks,
    lastEventId = '',
  ) {
    this.#lastEventId = lastEventId;
  }

  get lastEventId(): string {
    return this.#lastEventId;
  }

  push(chunk: string): void {
    if (chunk === '') return;
    if (this.#pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#pendingCr = false;
    this.#buffer += chunk;
    let start = 0;
    for (;;) {
      const cr = this.#buffer.indexOf('\r', start);
      const lf = this.#buffer.indexOf('\n', start);
      if (cr === -1 && lf === -1) break;
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr === this.#buffer.length - 1) {
          // A CR at the end of the chunk: the line ends here; swallow a LF that starts the next chunk.
          next = cr + 1;
          this.#pendingCr = true;
        } else {
          next = this.#buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
        }
      } else {
        end = lf;
        next = lf + 1;
      }
      this.#line(this.#buffer.slice(start, end));
      start = next;
    }
    this.#buffer = this.#buffer.slice(start);
  }

  /** The stream ended: an event without its closing blank line is discarded, as the spec says. */
  end(): void {
    this.#buffer = '';
    this.#data = [];
    this.#hasData = false;
    this.#event = '';
    this.#pendingCr = false;
  }

  #line(line: string): void {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data.push(value);
        this.#hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.callbacks.onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  #dispatch(): void {
    const event = this.#event || 'message';
    const data = this.#data.join('\n');
    const hasData = this.#hasData;
    this.#data = [];
    this.#hasData = false;
    this.#event = '';
    if (!hasData) return;
    this.callbacks.onEvent({ event, data, lastEventId: this.#lastEventId });
  }
}
