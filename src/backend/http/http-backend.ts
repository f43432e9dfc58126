import type { CallbackBookingInput, ChatSendInput, GrantInput } from '../../core/types.js';
import type {
  AttachmentUploadMeta,
  AttachmentUploadOptions,
  ChatListOptions,
  LoginListOptions,
  SupportAttachmentMethod,
  SupportBackend,
  SupportEvent,
  SupportEventListener,
  WindowListOptions,
} from '../backend.js';
import { SupportError, throwIfAborted } from '../errors.js';
import { ATTACHMENT_RESPONSE_CHECKS, RESPONSE_CHECKS, checkEvent, validateResponse } from '../contract-schema.js';
import { retypeByContent } from '../attachment-blob.js';
import type { AttachmentRef } from '../../core/types.js';
import { markValidated } from '../validate-backend.js';
import { errorFromResponse } from './errors.js';
import { SseParser, type ServerSentEvent } from './sse.js';

type Awaitable<T> = T | Promise<T>;
type Method = Exclude<keyof SupportBackend, 'subscribe' | SupportAttachmentMethod>;

export interface HttpBackendOptions {
  /** Where the API lives, e.g. `https://crm.example/support-api/v1` (paths of docs/openapi.yaml are appended). */
  readonly baseUrl: string | URL;
  /**
   * The bearer token of the signed-in user, asked before every request and every (re)connect of the event stream
   * (so a refreshed token is picked up). Return `null` to send no `Authorization` header.
   */
  readonly token?: () => Awaitable<string | null | undefined>;
  /** Extra headers for every request (a CSRF header, a tenant header…), static or computed per request. */
  readonly headers?: Readonly<Record<string, string>> | (() => Awaitable<Readonly<Record<string, string>>>);
  /** `fetch`'s credentials mode; `include` for cookie sessions across origins. Default `same-origin`. */
  readonly credentials?: RequestCredentials;
  /** Time limit of one attempt, ms. Default 15000. */
  readonly timeoutMs?: number;
  /** Retries of an idempotent call (reads, chat sends) after a network error, a timeout or a 5xx/429. Default 2. */
  readonly retries?: number;
  /** First retry delay, ms; doubles per retry, with jitter, capped by `maxRetryDelayMs`. Default 300. */
  readonly retryDelayMs?: number;
  /** Longest wait before a retry (also caps a server's `Retry-After`), ms. Default 5000. */
  readonly maxRetryDelayMs?: number;
  /** First delay before the event stream reconnects, ms (the server's `retry:` field overrides it). Default 1000. */
  readonly reconnectDelayMs?: number;
  /** Longest delay between reconnect attempts, ms. Default 30000. */
  readonly maxReconnectDelayMs?: number;
  /**
   * The event stream counts as dead when nothing (not even the server's keep-alive comment) arrived for this long, ms.
   * Default 45000 (the reference server pings every 15 s).
   */
  readonly heartbeatTimeoutMs?: number;
  /**
   * The `fetch` to use (tests, instrumentation). Default: the global one. Uploads go through `XMLHttpRequest` (the
   * only way a browser reports upload progress) unless a `fetch` is given here.
   */
  readonly fetch?: typeof fetch;
  /**
   * An upload or download counts as stalled when no byte moved for this long, ms (the whole transfer may take
   * longer). Default 30000. Where progress cannot be seen (`fetch`), the limit is this plus 1 s per 64 KiB.
   */
  readonly transferIdleMs?: number;
  /** Randomness for the backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
}

interface RequestSpec {
  readonly method: Method;
  readonly verb: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Safe to send again when the answer was lost. */
  readonly idempotent: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal: AbortSignal | undefined;
}

const abortError = (signal: AbortSignal | undefined, method: string) =>
  new SupportError('aborted', `${method}: the request was aborted`, { cause: signal?.reason });

/** Waits `ms`, or rejects with `aborted` when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined, method = 'wait'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, method));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal, method));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const seg = (value: string) => encodeURIComponent(value);

/**
 * A `SupportBackend` over HTTP, speaking the contract of docs/openapi.yaml with `fetch`:
 *
 * - JSON in and out, instants as ISO 8601 strings; every response validated against the contract
 *   (`invalid-response` otherwise), so the backend is already "validated" and `validateBackend` leaves it alone;
 * - HTTP failures mapped to the typed errors: 401 `unauthorized`, 403 `forbidden`, 404/410 `not-found`, 409
 *   `conflict`, 400/413/422 `invalid-request`, 429/5xx `unavailable`, plus `timeout`, `network` and `aborted`;
 *   the body's `error.reason` becomes the error's `reason`, `Retry-After` its `retryAfter`;
 * - idempotent calls only (reads, and chat sends, which carry their `clientId` as `Idempotency-Key`) are retried,
 *   with exponential backoff and jitter, honouring `Retry-After`; every wait honours the caller's `AbortSignal`;
 * - live events from one shared `text/event-stream` (`GET /events`, read with `fetch` so that auth headers work),
 *   reconnecting with backoff and catching up from `Last-Event-ID` (the last chat `seq` seen), so chat messages are
 *   delivered once each, in order, across reconnects and server restarts. A 401 or 403 on the stream (the session
 *   is gone) reaches subscribers as `connection: unauthorized`, and the stream stops retrying.
 */
export function createHttpBackend(options: HttpBackendOptions): SupportBackend {
  const base = new URL(String(options.baseUrl));
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 300;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const random = options.random ?? Math.random;
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);

  const urlOf = (path: string, query?: RequestSpec['query']) => {
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  };

  async function headersFor(extra: Readonly<Record<string, string>> = {}): Promise<Headers> {
    const headers = new Headers();
    const custom = typeof options.headers === 'function' ? await options.headers() : options.headers;
    for (const [key, value] of Object.entries(custom ?? {})) headers.set(key, value);
    const token = options.token ? await options.token() : null;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    for (const [key, value] of Object.entries(extra)) headers.set(key, value);
    return headers;
  }

  async function attempt(spec: RequestSpec): Promise<unknown> {
    const { method, signal } = spec;
    throwIfAborted(signal);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const headers = await headersFor({ Accept: 'application/json', ...spec.headers });
      let body: string | undefined;
      if (spec.body !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(spec.body);
      }
      const response = await doFetch(urlOf(spec.path, spec.query), {
        method: spec.verb,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: controller.signal,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok) throw await errorFromResponse(response, method);
      if (response.status === 204) return undefined;
      const text = await response.text();
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new SupportError('invalid-response', `${method}: the answer is not JSON`, { status: response.status, cause: error });
      }
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, method);
      if (timedOut) throw new SupportError('timeout', `${method}: no answer within ${timeoutMs} ms`, { cause: error });
      if (error instanceof SupportError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SupportError('network', `${method}: ${message}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function request(spec: RequestSpec): Promise<unknown> {
    for (let tries = 0; ; tries += 1) {
      try {
        return await attempt(spec);
      } catch (error) {
        const failure = error as SupportError;
        if (!spec.idempotent || !failure.transient || tries >= retries) throw failure;
        const backoff = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** tries);
        const jittered = backoff / 2 + (random() * backoff) / 2;
        const wait = failure.retryAfter === null ? jittered : Math.min(maxRetryDelayMs, failure.retryAfter * 1000);
        await sleep(wait, spec.signal, spec.method);
      }
    }
  }

  async function call<M extends Method>(
    spec: RequestSpec & { readonly method: M },
    unwrap?: string,
  ): Promise<Awaited<ReturnType<SupportBackend[M]>>> {
    let value = await request(spec);
    if (unwrap !== undefined) {
      if (typeof value !== 'object' || value === null || !(unwrap in value)) {
        throw new SupportError('invalid-response', `${spec.method}: expected an object with "${unwrap}"`);
      }
      value = (value as Record<string, unknown>)[unwrap];
    }
    return validateResponse(spec.method, RESPONSE_CHECKS[spec.method], value) as Awaited<ReturnType<SupportBackend[M]>>;
  }

  const events = new EventStream({
    open: async (signal, lastEventId) => {
      const headers = await headersFor({
        Accept: 'text/event-stream',
        ...(lastEventId === null ? {} : { 'Last-Event-ID': lastEventId }),
      });
      return doFetch(urlOf('events'), {
        method: 'GET',
        headers,
        signal,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
      });
    },
    reconnectDelayMs: options.reconnectDelayMs ?? 1_000,
    maxReconnectDelayMs: options.maxReconnectDelayMs ?? 30_000,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 45_000,
    random,
  });

  const transferIdleMs = options.transferIdleMs ?? 30_000;
  const useXhr = options.fetch === undefined && typeof XMLHttpRequest === 'function';

  /** One transfer attempt (upload or download); `network`, `timeout`, `aborted` or the server's error. */
  async function transfer(
    method: 'uploadAttachment' | 'downloadAttachment',
    verb: 'PUT' | 'GET',
    url: URL,
    body: Blob | null,
    contentType: string,
    signal: AbortSignal | undefined,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<{ status: number; json: () => unknown; blob: () => Promise<Blob> }> {
    throwIfAborted(signal);
    const headers = await headersFor({ Accept: verb === 'PUT' ? 'application/json' : '*/*', ...(body ? { 'Content-Type': contentType } : {}) });
    if (body && useXhr) return xhrUpload(method, url, headers, body, signal, transferIdleMs, options.credentials === 'include', onProgress);
    const controller = new AbortController();
    let timedOut = false;
    const limit = transferIdleMs + Math.ceil((body?.size ?? 0) / 65_536) * 1000;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`No answer within ${limit} ms`, 'TimeoutError'));
    }, limit);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await doFetch(url, {
        method: verb,
        headers,
        ...(body ? { body } : {}),
        signal: controller.signal,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok) throw await errorFromResponse(response, method);
      if (body) onProgress?.(body.size, body.size);
      if (verb === 'GET') {
        const blob = await response.blob();
        return { status: response.status, json: () => undefined, blob: async () => blob };
      }
      const text = await response.text();
      return { status: response.status, json: () => parseJson(text, method, response.status), blob: async () => new Blob([text]) };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal, method);
      if (timedOut) throw new SupportError('timeout', `${method}: no answer within ${limit} ms`, { cause: error });
      if (error instanceof SupportError) throw error;
      throw new SupportError('network', `${method}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A transfer with the retries of an idempotent call (an upload is one: its clientId is in the URL). */
  async function transferWithRetries<T>(method: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      try {
        return await run();
      } catch (error) {
        const failure = error as SupportError;
        if (!failure.transient || tries >= retries) throw failure;
        const backoff = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** tries);
        const wait = failure.retryAfter === null ? backoff / 2 + (random() * backoff) / 2 : Math.min(maxRetryDelayMs, failure.retryAfter * 1000);
        await sleep(wait, signal, method);
      }
    }
  }

  const attachmentMethods = {
    uploadAttachment: (file: Blob, meta: AttachmentUploadMeta, upload: AttachmentUploadOptions = {}): Promise<AttachmentRef> =>
      transferWithRetries('uploadAttachment', upload.signal, async () => {
        const url = urlOf(`chat/uploads/${seg(meta.clientId)}`, { name: meta.name });
        const answer = await transfer('uploadAttachment', 'PUT', url, file, meta.type || 'application/octet-stream', upload.signal, upload.onProgress);
        return validateResponse('uploadAttachment', ATTACHMENT_RESPONSE_CHECKS.uploadAttachment, answer.json()) as AttachmentRef;
      }),
    downloadAttachment: (attachmentId: string, signal?: AbortSignal): Promise<Blob> =>
      transferWithRetries('downloadAttachment', signal, async () => {
        const answer = await transfer('downloadAttachment', 'GET', urlOf(`chat/attachments/${seg(attachmentId)}`), null, '', signal);
        const blob = validateResponse('downloadAttachment', ATTACHMENT_RESPONSE_CHECKS.downloadAttachment, await answer.blob()) as Blob;
        // Typed by its content, whatever the server's Content-Type said (this backend is its own validator).
        return retypeByContent(blob);
      }),
  };

  const backend: SupportBackend = {
    ...attachmentMethods,
    getSession: (signal) => call({ method: 'getSession', verb: 'GET', path: 'session', idempotent: true, signal }),
    getTenantInfo: (signal) => call({ method: 'getTenantInfo', verb: 'GET', path: 'tenant', idempotent: true, signal }),
    getContactInfo: (signal) => call({ method: 'getContactInfo', verb: 'GET', path: 'contact', idempotent: true, signal }),
    searchStaff: (query, signal) =>
      call({ method: 'searchStaff', verb: 'GET', path: 'staff', query: { q: query }, idempotent: true, signal }),
    listGrants: (signal) => call({ method: 'listGrants', verb: 'GET', path: 'grants', idempotent: true, signal }),
    createGrant: (input: GrantInput, signal) =>
      call({
        method: 'createGrant',
        verb: 'POST',
        path: 'grants',
        body: { grantee: { kind: input.grantee.kind, id: input.grantee.id }, dataExport: input.dataExport, duration: input.duration },
        idempotent: false,
        signal,
      }),
    revokeGrant: (grantId, signal) =>
      call({ method: 'revokeGrant', verb: 'POST', path: `grants/${seg(grantId)}/revoke`, idempotent: false, signal }),
    listLogins: (listOptions: LoginListOptions = {}, signal) =>
      call({
        method: 'listLogins',
        verb: 'GET',
        path: 'logins',
        query: { activeOnly: listOptions.activeOnly ? true : undefined },
        idempotent: true,
        signal,
      }),
    // Tokens travel in bodies, never in URLs: URLs end up in access logs and Referer headers.
    resolveUnlockToken: (token, signal) =>
      call({ method: 'resolveUnlockToken', verb: 'POST', path: 'unlock-links/lookup', body: { token }, idempotent: true, signal }),
    confirmUnlockToken: (token, accept, signal) =>
      call(
        { method: 'confirmUnlockToken', verb: 'POST', path: 'unlock-links/confirm', body: { token, accept }, idempotent: false, signal },
        'grant',
      ),
    listChatMessages: (listOptions: ChatListOptions = {}, signal) =>
      call({
        method: 'listChatMessages',
        verb: 'GET',
        path: 'chat/messages',
        query: { afterSeq: listOptions.afterSeq },
        idempotent: true,
        signal,
      }),
    sendChatMessage: (input: ChatSendInput, signal) =>
      call({
        method: 'sendChatMessage',
        verb: 'POST',
        path: 'chat/messages',
        body: { clientId: input.clientId, text: input.text, ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}) },
        headers: typeof input.clientId === 'string' && input.clientId !== '' ? { 'Idempotency-Key': input.clientId } : {},
        // The clientId makes a repeat harmless: the server stores the message once and answers with it again.
        idempotent: true,
        signal,
      }),
    subscribe: (listener: SupportEventListener, signal: AbortSignal) => events.add(listener, signal),
    getCallbackTopics: (signal) =>
      call({ method: 'getCallbackTopics', verb: 'GET', path: 'callback/topics', idempotent: true, signal }),
    listCallbackWindows: (listOptions: WindowListOptions, signal) =>
      call({
        method: 'listCallbackWindows',
        verb: 'GET',
        path: 'callback/windows',
        query: { topicId: listOptions.topicId },
        idempotent: true,
        signal,
      }),
    getCallbackBooking: (signal) =>
      call({ method: 'getCallbackBooking', verb: 'GET', path: 'callback/booking', idempotent: true, signal }, 'booking'),
    bookCallback: (input: CallbackBookingInput, signal) =>
      call({ method: 'bookCallback', verb: 'POST', path: 'callback/booking', body: bookingBody(input), idempotent: false, signal }),
    changeCallback: (bookingId, input: CallbackBookingInput, signal) =>
      call({
        method: 'changeCallback',
        verb: 'PUT',
        path: `callback/booking/${seg(bookingId)}`,
        body: bookingBody(input),
        idempotent: false,
        signal,
      }),
    cancelCallback: async (bookingId, signal) => {
      await request({
        method: 'cancelCallback',
        verb: 'DELETE',
        path: `callback/booking/${seg(bookingId)}`,
        idempotent: false,
        signal,
      });
    },
  };
  return markValidated(backend);
}

function parseJson(text: string, method: string, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SupportError('invalid-response', `${method}: the answer is not JSON`, { status, cause: error });
  }
}

/**
 * An upload through `XMLHttpRequest`, for its upload progress events (`fetch` has none). Stalled — no byte moved for
 * `idleMs` — is a `timeout`; the whole transfer may take as long as it keeps moving.
 */
function xhrUpload(
  method: string,
  url: URL,
  headers: Headers,
  body: Blob,
  signal: AbortSignal | undefined,
  idleMs: number,
  withCredentials: boolean,
  onProgress?: (sent: number, total: number) => void,
): Promise<{ status: number; json: () => unknown; blob: () => Promise<Blob> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
    };
    const stalled = () => {
      xhr.abort();
      finish();
      reject(new SupportError('timeout', `${method}: no byte moved for ${idleMs} ms`));
    };
    const moved = () => {
      clearTimeout(idle);
      idle = setTimeout(stalled, idleMs);
    };
    const onAbort = () => {
      xhr.abort();
      finish();
      reject(abortError(signal, method));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.open('PUT', url.href);
    xhr.withCredentials = withCredentials;
    headers.forEach((value, key) => xhr.setRequestHeader(key, value));
    xhr.upload.onprogress = (event) => {
      moved();
      onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size);
    };
    xhr.onprogress = moved;
    xhr.onerror = () => {
      finish();
      reject(new SupportError('network', `${method}: the upload failed`));
    };
    xhr.onload = () => {
      finish();
      const text = xhr.responseText;
      if (xhr.status < 200 || xhr.status >= 300) {
        const response = new Response(text, { status: xhr.status, headers: { 'Retry-After': xhr.getResponseHeader('Retry-After') ?? '' } });
        void errorFromResponse(response, method).then(reject, reject);
        return;
      }
      onProgress?.(body.size, body.size);
      resolve({ status: xhr.status, json: () => parseJson(text, method, xhr.status), blob: async () => new Blob([text]) });
    };
    moved();
    xhr.send(body);
  });
}

function bookingBody(input: CallbackBookingInput) {
  const start = input.start instanceof Date ? input.start.toISOString() : input.start;
  return { topicId: input.topicId, start, phone: input.phone, note: input.note ?? '' };
}

// ------------------------------------------------------------------------------------------------ live events

interface EventStreamOptions {
  open(signal: AbortSignal, lastEventId: string | null): Promise<Response>;
  reconnectDelayMs: number;
  maxReconnectDelayMs: number;
  heartbeatTimeoutMs: number;
  random: () => number;
}

/**
 * One `text/event-stream` connection shared by every subscriber: opened with the first, closed with the last. It
 * remembers the highest chat `seq` seen (the stream's event id) and sends it as `Last-Event-ID` on reconnect; the
 * server replays what was missed, then sends `ready`, which becomes `connection: open` for the subscribers. Chat
 * messages at or below the remembered `seq` are dropped, so a replay never duplicates.
 */
class EventStream {
  readonly #listeners = new Set<SupportEventListener>();
  #controller: AbortController | null = null;
  #connected = false;
  /** Highest chat seq delivered (or the server's head at the first connect). */
  #lastSeq: number | null = null;
  #baseDelay: number;

  constructor(private readonly options: EventStreamOptions) {
    this.#baseDelay = options.reconnectDelayMs;
  }

  add(listener: SupportEventListener, signal: AbortSignal): void {
    if (signal.aborted) return;
    // Wrap so that one function subscribed twice gets its events twice, as with the demo backend.
    const entry: SupportEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    signal.addEventListener(
      'abort',
      () => {
        this.#listeners.delete(entry);
        if (this.#listeners.size === 0) this.#stop();
      },
      { once: true },
    );
    if (!this.#controller) this.#start();
    else if (this.#connected) {
      queueMicrotask(() => {
        if (!signal.aborted && this.#listeners.has(entry)) entry({ type: 'connection', state: 'open' });
      });
    }
  }

  #emit(event: SupportEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  }

  #start(): void {
    const controller = new AbortController();
    this.#controller = controller;
    void this.#run(controller.signal);
  }

  #stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#connected = false;
  }

  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.#connect(signal, () => (failures = 0));
      } catch (error) {
        if (!signal.aborted && error instanceof SupportError && (error.kind === 'unauthorized' || error.kind === 'forbidden')) {
          // The session is gone (signed out, expired): retrying cannot help. Say so and stop; a new subscription
          // (after the user signed in again) opens the stream again.
          this.#connected = false;
          if (this.#controller?.signal === signal) this.#controller = null;
          this.#emit({ type: 'connection', state: 'unauthorized' });
          return;
        }
        if (!signal.aborted && !(error instanceof SupportError && error.kind === 'aborted')) {
          // Expected while the server is away; the loop reconnects.
          if (error instanceof SupportError && (error.kind === 'invalid-response' || error.kind === 'invalid-request')) {
            console.warn('support-widgets: the event stream failed', error);
          }
        }
      }
      if (signal.aborted) return;
      if (this.#connected) {
        this.#connected = false;
        this.#emit({ type: 'connection', state: 'closed' });
      }
      const delay = Math.min(this.options.maxReconnectDelayMs, this.#baseDelay * 2 ** failures);
      failures += 1;
      try {
        await sleep(delay / 2 + (this.options.random() * delay) / 2, signal);
      } catch {
        return;
      }
    }
  }

  async #connect(outer: AbortSignal, onOpen: () => void): Promise<void> {
    const controller = new AbortController();
    let reader: ReadableStreamDefaultReader<string> | undefined;
    // Cancel the reader too: a fetch stand-in may not tie the body to the signal.
    const kill = (reason: unknown) => {
      controller.abort(reason);
      reader?.cancel(reason).catch(() => {});
    };
    const onAbort = () => kill(outer.reason);
    outer.addEventListener('abort', onAbort, { once: true });
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => kill(new DOMException('The event stream went silent', 'TimeoutError')), this.options.heartbeatTimeoutMs);
    };
    try {
      feed();
      const response = await this.options.open(controller.signal, this.#lastSeq === null ? null : String(this.#lastSeq));
      if (!response.ok) throw await errorFromResponse(response, 'subscribe');
      if (!(response.headers.get('Content-Type') ?? '').includes('text/event-stream') || !response.body) {
        throw new SupportError('invalid-response', 'subscribe: the answer is not an event stream');
      }
      const parser = new SseParser({
        onEvent: (event) => this.#handle(event, onOpen),
        onRetry: (ms) => (this.#baseDelay = Math.max(100, ms)),
      });
      reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      if (controller.signal.aborted) return;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          feed();
          parser.push(value);
        }
      } finally {
        reader.cancel().catch(() => {});
      }
      parser.end();
    } finally {
      clearTimeout(watchdog);
      outer.removeEventListener('abort', onAbort);
      controller.abort();
    }
  }

  #handle(sse: ServerSentEvent, onOpen: () => void): void {
    if (sse.event === 'ready') {
      const head = Number(sse.lastEventId);
      if (Number.isInteger(head) && head >= 0 && (this.#lastSeq === null || head < this.#lastSeq)) this.#lastSeq = head;
      onOpen();
      this.#connected = true;
      this.#emit({ type: 'connection', state: 'open' });
      return;
    }
    if (!['chat-message', 'chat-typing', 'login-started', 'login-ended', 'grant-changed'].includes(sse.event)) return;
    let event: SupportEvent;
    try {
      event = validateResponse('subscribe', checkEvent, JSON.parse(sse.data));
    } catch (error) {
      console.warn('support-widgets: dropped an invalid live event', error);
      return;
    }
    if (event.type === 'chat-message') {
      if (this.#lastSeq !== null && event.message.seq <= this.#lastSeq) return; // already delivered
      this.#lastSeq = event.message.seq;
    }
    this.#emit(event);
  }
}
