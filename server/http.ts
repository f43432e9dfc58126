import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGrantDuration } from '../src/core/durations.js';
import { ID_MAX_LENGTH, PHONE_INPUT_MAX_LENGTH, SEARCH_QUERY_MAX_LENGTH, exceedsLimit } from '../src/core/limits.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_NAME_MAX_LENGTH, isInlineImageType } from '../src/core/attachments.js';
import type { AttachmentRef, GrantDuration } from '../src/core/types.js';
import { SupportError } from '../src/backend/errors.js';
import {
  type Check,
  ValidationError,
  boolean,
  date,
  literal,
  matching,
  nonEmptyString,
  array,
  object,
  string,
  withDefault,
} from '../src/backend/schema.js';
import { testHandlers } from './control.js';
import { DEFAULT_RATES, LIMIT_NAMES, type LimitName, type Rate, RateLimiter } from './rate-limit.js';
import type { Db } from './db.js';
import { type ServerDatabase, sqliteDatabase } from './database.js';
import { checkHealth, HEALTH_MESSAGES, type HealthProblem } from './health.js';
import { Hub } from './hub.js';
import { API_BASE, CONTRACT_ROUTES, TEST_BASE, TEST_ROUTES, createMatcher, type Route } from './routes.js';
import { type Actor, type Awaitable, type Store, createStore, hashToken } from './store.js';

export interface AppOptions {
  /**
   * Serve the unauthenticated test-control routes under /__test (conformance runs, the demo's switches). Never in
   * production. They send no CORS headers, refuse requests that carry an `Origin` (browsers) and answer only on a
   * loopback host name (against DNS rebinding).
   */
  readonly testControl?: boolean;
  /**
   * Origins that may call the API from a browser (`Access-Control-Allow-Origin`), or `*`. Default none: only
   * same-origin pages and non-browser clients. Never applies to the test-control routes.
   */
  readonly corsOrigins?: '*' | readonly string[];
  /** Largest accepted request body, bytes. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /** Interval of the event stream's keep-alive comment, ms; each heartbeat also re-checks the stream's session. Default 15000. */
  readonly heartbeatMs?: number;
  /**
   * Longest life of one event stream, ms (each stream gets 90–100 % of it, so reconnects spread out); then the server
   * ends it and the client reconnects with `Last-Event-ID`. Default 1800000 (30 minutes).
   */
  readonly streamMaxMs?: number;
  /** Bytes that may wait unread in one event stream's buffers before the server drops it (the client catches up by `Last-Event-ID`). Default 256 KiB. */
  readonly streamBufferBytes?: number;
  /** Open event streams per session; one more closes the session's oldest. Default 8. */
  readonly maxStreamsPerSession?: number;
  /** A simulated support agent answering chat messages (demo). Default off. */
  readonly agent?: { readonly delayMs: number; readonly typingMs: number; readonly reply: (text: string, name: string) => string; readonly names: readonly string[] } | null;
  /** Callback capacity override (tests). */
  readonly callbackCapacity?: number;
  /** Session lifetime: absolute (from sign-in) and idle, ms. Default 30 days and 7 days. */
  readonly sessions?: { readonly maxAgeMs?: number; readonly idleMs?: number };
  /**
   * Rate limits by name (server/rate-limit.ts): a `Rate` replaces the default, `null` turns that limit off. Over a
   * limit the server answers 429 `rate-limited` with `Retry-After`. Default: `DEFAULT_RATES`.
   */
  readonly rateLimits?: Partial<Record<LimitName, Rate | null>>;
  /** Take the client address from the last `X-Forwarded-For` entry (behind one reverse proxy). Default false. */
  readonly trustProxy?: boolean;
  /** How long `GET /health` waits for the database's answer before it reports 503 `timeout`, ms. Default 2000. */
  readonly healthTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** A handler's answer: status and JSON body (`undefined` = no body). */
export interface Reply {
  readonly status: number;
  /** JSON, unless `bytes` is set. */
  readonly body?: unknown;
  /** A binary body (a download), sent as it is with the reply's headers. */
  readonly bytes?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestContext {
  readonly req: IncomingMessage;
  /** The client address the rate limits count by. */
  readonly address: string;
  /** The session's token hash (`''` on public routes). */
  readonly session: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parses and checks the JSON body (400 with the failing field otherwise). */
  body<T>(check: Check<T>): Promise<T>;
  /** The raw body, up to `limit` bytes (a larger one is drained and refused with `tooLarge`). */
  bytes(limit: number, tooLarge: () => SupportError): Promise<Uint8Array>;
}

const HARD_BODY_LIMIT = 16 * 1024 * 1024;

const invalid = (message: string) => new SupportError('invalid-request', message, { reason: 'invalid-input', status: 400 });

/** Thrown for a request target that cannot be parsed (400 `invalid-target`). */
const badTarget = (message: string) => new SupportError('invalid-request', message, { reason: 'invalid-target', status: 400 });

/**
 * Parses a request target strictly: origin-form (`/path?query`, not `//…`, which URL parsers read as a host) or
 * absolute-form (`http://host/path`); every `%` must start a valid UTF-8 percent-escape in the path and the query.
 * Anything else throws a 400 — never a TypeError or URIError that would reach the process or the log.
 */
export function parseTarget(raw: string | undefined): URL {
  const target = raw ?? '';
  let url: URL;
  if (target.startsWith('/') && !target.startsWith('//')) {
    try {
      url = new URL(`http://localhost${target}`);
    } catch {
      throw badTarget('The request target is not a valid path');
    }
  } else if (/^https?:\/\//i.test(target)) {
    try {
      url = new URL(target);
    } catch {
      throw badTarget('The request target is not a valid URL');
    }
  } else {
    throw badTarget('The request target must be a path such as /api/v1/session');
  }
  try {
    for (const segment of url.pathname.split('/')) decodeURIComponent(segment);
    for (const part of url.search.slice(1).split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw badTarget('The request target has malformed percent-encoding');
  }
  return url;
}

/** Matches a UTF-16 surrogate that is not half of a pair (with the `u` flag a pair is one code point). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The path of the first string (or key) in a parsed JSON value that holds a lone surrogate; `null` when none does. */
export function loneSurrogateAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = loneSurrogateAt(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return `${path} (a key)`;
      const found = loneSurrogateAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Validates with a schema check, turning its complaint into a 400 that names the field. */
function checked<T>(check: Check<T>, value: unknown, where: string): T {
  try {
    return check(value, where);
  } catch (error) {
    if (error instanceof ValidationError) throw invalid(error.message);
    throw error;
  }
}

const durationCheck = matching(isGrantDuration, 'a grant duration (1h, 2h, 4h, today, 1w, 2w, 1m, permanent)') as Check<GrantDuration>;
const shortString = (max: number): Check<string> => (v, p) => {
  const s = string(v, p);
  if (exceedsLimit(s, max)) throw new ValidationError(p, `at most ${max} characters`, v);
  return s;
};
const idString: Check<string> = (v, p) => {
  const s = nonEmptyString(v, p);
  if (exceedsLimit(s, ID_MAX_LENGTH)) throw new ValidationError(p, `at most ${ID_MAX_LENGTH} characters`, v);
  return s;
};

/**
 * The headers of a download: the type the server found in the content, never sniffed again by the browser
 * (`nosniff`), the raster images inline and everything else as an attachment, under a name that is only text. A
 * sandboxing Content-Security-Policy keeps even a file opened directly from running anything.
 */
export function downloadHeaders(attachment: AttachmentRef): Record<string, string> {
  const ascii = attachment.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = isInlineImageType(attachment.type) ? 'inline' : 'attachment';
  return {
    'Content-Type': attachment.type,
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  };
}

export const BODY_CHECKS = {
  createGrant: object({
    grantee: object({ kind: literal('employee', 'department'), id: idString }),
    dataExport: boolean,
    duration: durationCheck,
  }),
  token: object({ token: idString }),
  confirm: object({ token: idString, accept: boolean }),
  // Length limits of text are the store's (they give a clearer message); this only bounds the types.
  chat: object({ clientId: idString, text: string, attachmentIds: withDefault(array(idString), []) }),
  booking: object({ topicId: idString, start: date, phone: shortString(PHONE_INPUT_MAX_LENGTH), note: withDefault(string, '') }),
};

/** The limits the contract's handlers apply themselves. */
interface Guards {
  /** Runs an unlock-token lookup; an unknown token counts against the session's and the address's limit. */
  unlockAttempt<T>(ctx: RequestContext, attempt: () => T | Promise<T>): Promise<T>;
  /** Counts a chat send (429 when over the limit). */
  chatSend(ctx: RequestContext): void;
  /** Counts an attachment upload and its bytes (429 when over a limit); never the chat-send limit. */
  upload(ctx: RequestContext): void;
}

/** The contract's handlers, by operationId. */
function contractHandlers(store: Store, guards: Guards) {
  type Handler = (ctx: RequestContext, actor: Actor) => Reply | Promise<Reply> | 'stream';
  const ok = (body: unknown, status = 200): Reply => ({ status, body });
  const handlers: Record<string, Handler> = {
    getSession: async (_ctx, actor) => ok(await store.getSession(actor)),
    getTenantInfo: async (_ctx, actor) => ok(await store.getTenantInfo(actor)),
    getContactInfo: async () => ok(await store.getContactInfo()),
    searchStaff: async (ctx) => ok(await store.searchStaff(checked(shortString(SEARCH_QUERY_MAX_LENGTH), ctx.query.get('q') ?? '', 'q'))),
    listGrants: async (_ctx, actor) => ok(await store.listGrants(actor)),
    createGrant: async (ctx, actor) => ok(await store.createGrant(actor, await ctx.body(BODY_CHECKS.createGrant)), 201),
    revokeGrant: async (ctx, actor) => ok(await store.revokeGrant(actor, ctx.params['grantId']!)),
    listLogins: async (ctx, actor) => {
      const activeOnly = ctx.query.get('activeOnly');
      if (activeOnly !== null && activeOnly !== 'true' && activeOnly !== 'false') throw invalid('activeOnly: expected true or false');
      return ok(await store.listLogins(actor, activeOnly === 'true'));
    },
    resolveUnlockToken: async (ctx, actor) => {
      const { token } = await ctx.body(BODY_CHECKS.token);
      return ok(await guards.unlockAttempt(ctx, () => store.resolveUnlockToken(actor, token)));
    },
    confirmUnlockToken: async (ctx, actor) => {
      const { token, accept } = await ctx.body(BODY_CHECKS.confirm);
      return ok({ grant: await guards.unlockAttempt(ctx, () => store.confirmUnlockToken(actor, token, accept)) });
    },
    listChatMessages: async (ctx, actor) => {
      const raw = ctx.query.get('afterSeq');
      if (raw !== null && !/^\d{1,15}$/.test(raw)) throw invalid('afterSeq: expected an integer ≥ 0');
      return ok(await store.listChatMessages(actor, raw === null ? -1 : Number(raw)));
    },
    sendChatMessage: async (ctx, actor) => {
      guards.chatSend(ctx);
      const input = await ctx.body(BODY_CHECKS.chat);
      const key = ctx.req.headers['idempotency-key'];
      if (key !== undefined && key !== input.clientId) throw invalid('Idempotency-Key: must equal the body\'s clientId');
      const { message, created } = await store.sendChatMessage(actor, input);
      return ok(message, created ? 201 : 200);
    },
    uploadAttachment: async (ctx, actor) => {
      guards.upload(ctx);
      const clientId = checked(idString, ctx.params['clientId'], 'clientId');
      const name = checked(shortString(ATTACHMENT_NAME_MAX_LENGTH * 4), ctx.query.get('name') ?? '', 'name');
      const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      // The size is judged by the bytes that arrive, the type by their content (rules.uploadAttachment).
      const bytes = await ctx.bytes(
        ATTACHMENT_MAX_BYTES,
        () => new SupportError('invalid-request', `The file is larger than ${ATTACHMENT_MAX_BYTES} bytes`, { reason: 'attachment-too-large', status: 413 }),
      );
      const { attachment, created } = await store.uploadAttachment(actor, { clientId, name, type, bytes });
      return ok(attachment, created ? 201 : 200);
    },
    downloadAttachment: async (ctx, actor) => {
      const { attachment, bytes } = await store.attachmentContent(actor, ctx.params['attachmentId']!);
      return { status: 200, bytes, headers: downloadHeaders(attachment) };
    },
    subscribe: () => 'stream',
    getCallbackTopics: async () => ok(await store.getCallbackTopics()),
    listCallbackWindows: async (ctx, actor) => ok(await store.listCallbackWindows(actor, checked(idString, ctx.query.get('topicId') ?? undefined, 'topicId'))),
    getCallbackBooking: async (_ctx, actor) => ok({ booking: await store.getCallbackBooking(actor) }),
    bookCallback: async (ctx, actor) => ok(await store.bookCallback(actor, await ctx.body(BODY_CHECKS.booking)), 201),
    changeCallback: async (ctx, actor) => ok(await store.changeCallback(actor, ctx.params['bookingId']!, await ctx.body(BODY_CHECKS.booking))),
    cancelCallback: async (ctx, actor) => {
      await store.cancelCallback(actor, ctx.params['bookingId']!);
      return { status: 204 };
    },
  };
  return handlers;
}

/**
 * The reference server's request handler (plain `node:http`): routing from server/routes.ts, bearer-token
 * sessions, JSON bodies with a size limit, errors as `{ error: { kind, reason, message } }`, CORS, and the
 * `text/event-stream` of live events with catch-up from `Last-Event-ID`.
 */
export function createApp(database: ServerDatabase | Db, options: AppOptions = {}) {
  const db = 'engine' in database ? database : sqliteDatabase(database, options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity });
  const log = options.log ?? (() => {});
  const hub = new Hub({
    ...(options.streamBufferBytes === undefined ? {} : { maxBufferedBytes: options.streamBufferBytes }),
    ...(options.maxStreamsPerSession === undefined ? {} : { maxStreamsPerSession: options.maxStreamsPerSession }),
  });
  // SQLite: the store publishes after its commits, in this process. PostgreSQL: every instance publishes what its
  // listener hears (LISTEN/NOTIFY, notify.ts), its own writes included; a lost listener connection closes the streams,
  // whose clients reconnect and catch up.
  const stopListening = db.listen?.((audience, event) => hub.publish(audience, event), () => hub.closeAll(), log);
  const ready: Promise<void> = stopListening ? stopListening.then(() => undefined) : Promise.resolve();
  const store = createStore(db.engine, (audience, event) => hub.publish(audience, event), {
    ...(options.callbackCapacity === undefined ? {} : { callbackCapacity: options.callbackCapacity }),
    ...(options.sessions ? { sessions: options.sessions } : {}),
  });
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const streamMaxMs = options.streamMaxMs ?? 30 * 60_000;
  const corsOrigins = options.corsOrigins ?? [];
  const healthTimeoutMs = options.healthTimeoutMs ?? 2000;
  /** The last health problem logged (a change is logged once, not every probe). */
  let lastHealthProblem: HealthProblem | null = null;
  const limiters = Object.fromEntries(
    LIMIT_NAMES.map((name) => {
      const rate = options.rateLimits?.[name] === undefined ? DEFAULT_RATES[name] : options.rateLimits[name];
      return [name, rate ? new RateLimiter(rate) : null];
    }),
  ) as Record<LimitName, RateLimiter | null>;
  const tooMany = (seconds: number, what: string) =>
    new SupportError('unavailable', `${what}; try again in ${seconds} s`, { reason: 'rate-limited', status: 429, retryAfter: seconds });
  /**
   * Refuses when any of the (limit, key, amount = 1) entries has not enough left; `take` also uses each amount (all
   * or none).
   */
  function limit(pairs: readonly (readonly [LimitName, string, number?])[], what: string, take: boolean): void {
    let wait = 0;
    for (const [name, key, amount] of pairs) wait = Math.max(wait, limiters[name]?.wait(key, amount) ?? 0);
    if (wait > 0) throw tooMany(wait, what);
    if (take) for (const [name, key, amount] of pairs) limiters[name]?.take(key, amount);
  }
  const handlers = contractHandlers(store, {
    async unlockAttempt(ctx, attempt) {
      const pairs: [LimitName, string][] = [['unlock-session', ctx.session], ['unlock-address', ctx.address]];
      limit(pairs, 'Too many unknown unlock links', false);
      try {
        return await attempt();
      } catch (error) {
        if (error instanceof SupportError && error.reason === 'token-unknown') for (const [name, key] of pairs) limiters[name]?.take(key);
        throw error;
      }
    },
    chatSend(ctx) {
      limit([['chat-session', ctx.session], ['chat-address', ctx.address]], 'Too many chat messages', true);
    },
    upload(ctx) {
      // Charged before the body is read, by what the client declares: a body longer than its Content-Length cannot
      // arrive, and one without (chunked) is charged the most the server reads (ATTACHMENT_MAX_BYTES, then 413).
      const declared = Number(ctx.req.headers['content-length']);
      const bytes = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, ATTACHMENT_MAX_BYTES) : ATTACHMENT_MAX_BYTES;
      limit(
        [['upload-session', ctx.session], ['upload-address', ctx.address], ['upload-mib-session', ctx.session, bytes / 1_048_576]],
        'Too many file uploads',
        true,
      );
    },
  });
  const tests = testHandlers(store, db, {
    // A sign-out ends the user's open streams at once (not at the next heartbeat).
    sessionsEnded: (tenantId, userId) => hub.recheck(sessionValid, { tenantId, userId }),
    streamStats: () => hub.stats(),
  });

  // Every route has a handler and every handler a route: the table is the truth the drift test checks.
  for (const route of CONTRACT_ROUTES) if (!handlers[route.operationId]) throw new Error(`No handler for ${route.operationId}`);
  for (const id of Object.keys(handlers)) if (!CONTRACT_ROUTES.some((r) => r.operationId === id)) throw new Error(`No route for ${id}`);
  for (const route of TEST_ROUTES) if (!tests[route.operationId]) throw new Error(`No handler for ${route.operationId}`);

  const matchContract = createMatcher(CONTRACT_ROUTES);
  const matchTest = createMatcher(TEST_ROUTES);

  /** The actor of a tenant's (first) user, on the tenant's clock: for server-side actions. */
  async function actorFor(tenantId: string, userId?: string): Promise<Actor> {
    const tenant = await db.tenantClock(tenantId);
    if (!tenant) throw new SupportError('not-found', `No tenant ${tenantId}`, { status: 404 });
    const user = userId ?? (await db.firstUser(tenantId));
    if (!user) throw new SupportError('not-found', `Tenant ${tenantId} has no user`, { status: 404 });
    return { tenantId, userId: user, now: new Date(Date.now() + tenant.clock_offset_ms), timeZone: tenant.time_zone };
  }

  /** The actor of a session (by token hash), or `null` when it is unknown or has ended. Requests and open streams both ask this. */
  const sessionOf = (tokenHash: string): Awaitable<Actor | null> => store.actorOfSession(tokenHash);
  const sessionValid = (tokenHash: string): Awaitable<boolean> => {
    const actor = sessionOf(tokenHash);
    return actor instanceof Promise ? actor.then((a) => a !== null, () => true) : actor !== null;
  };

  /**
   * The request's session: its token hash and actor (401 without a valid bearer token). An address that sent too
   * many wrong tokens is refused before its token is even looked at (429), so guessing gains nothing.
   */
  async function authenticate(req: IncomingMessage, address: string): Promise<{ actor: Actor; session: string }> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new SupportError('unauthorized', 'Sign in first: no bearer token was sent', { status: 401 });
    limit([['auth-address', address]], 'Too many requests with an unknown or ended session', false);
    const session = hashToken(match[1]!);
    try {
      return { actor: await store.authenticate(match[1]!), session };
    } catch (error) {
      limiters['auth-address']?.take(address);
      throw error;
    }
  }

  /** The client's address: the socket's, or behind a trusted proxy the last `X-Forwarded-For` entry. */
  function addressOf(req: IncomingMessage): string {
    if (options.trustProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim();
      if (forwarded) return forwarded;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  // ---------------------------------------------------------------------------------------------- the agent
  if (options.agent) {
    const agent = options.agent;
    let turn = 0;
    hub.listen((audience, event) => {
      if (event.type !== 'chat-message' || event.message.author !== 'customer' || audience.userId === undefined) return;
      const name = agent.names[turn++ % agent.names.length]!;
      const target = { tenantId: audience.tenantId, userId: audience.userId };
      const text = event.message.text;
      setTimeout(() => {
        hub.publish(target, { type: 'chat-typing', typing: true, name });
        setTimeout(() => {
          hub.publish(target, { type: 'chat-typing', typing: false, name });
          Promise.resolve()
            .then(async () => store.addSupportMessage(await actorFor(target.tenantId, target.userId), agent.reply(text, name), name))
            .catch((error: unknown) => log(`agent: ${String(error)}`));
        }, agent.typingMs).unref();
      }, agent.delayMs).unref();
    });
  }

  const heartbeat = setInterval(() => hub.ping(sessionValid), heartbeatMs);
  heartbeat.unref();

  // ---------------------------------------------------------------------------------------------- plumbing
  function cors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (corsOrigins === '*') res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin && corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Location, Content-Disposition, X-Content-Type-Options, Content-Security-Policy');
  }

  /**
   * The test-control routes have no authentication, so they refuse what a web page could send: any request with an
   * `Origin` (a browser; Node's fetch, curl and the dev server's proxy send none) and any `Host` that is not a
   * loopback name (a DNS-rebinding page reaches 127.0.0.1 under its own host name).
   */
  function checkControlRequest(req: IncomingMessage): void {
    const forbidden = (message: string) => new SupportError('forbidden', message, { reason: 'test-control', status: 403 });
    if (req.headers.origin !== undefined) throw forbidden('The test-control routes do not answer browsers (a request with an Origin)');
    const host = /^(\[[^\]]*\]|[^:]*)/.exec(req.headers.host ?? '')?.[1]?.toLowerCase() ?? '';
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw forbidden('The test-control routes answer only on a loopback host name');
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (res.headersSent) return;
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...reply.headers };
    if (reply.bytes !== undefined) {
      res.writeHead(reply.status, { ...headers, 'Content-Length': String(reply.bytes.byteLength) }).end(reply.bytes);
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res
      .writeHead(reply.status, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(text)),
      })
      .end(text);
  }

  function sendError(res: ServerResponse, error: SupportError, headers: Record<string, string> = {}): void {
    const status = error.status ?? 500;
    send(res, {
      status,
      headers: {
        ...headers,
        ...(status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}),
        ...(error.retryAfter === null ? {} : { 'Retry-After': String(error.retryAfter) }),
      },
      body: { error: { kind: error.kind, reason: error.reason, message: error.message } },
    });
  }

  /** Reads the body up to the limit; a larger one is drained (so the client can read the answer) and refused with 413. */
  function readBody(
    req: IncomingMessage,
    limit = maxBodyBytes,
    tooLargeError = () => new SupportError('invalid-request', `The body is larger than ${limit} bytes`, { reason: 'too-large', status: 413 }),
  ): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > HARD_BODY_LIMIT) {
        reject(tooLargeError());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > HARD_BODY_LIMIT) {
          req.destroy();
          return;
        }
        if (size > limit) tooLarge = true;
        if (!tooLarge) chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge) reject(tooLargeError());
        else resolve(Buffer.concat(chunks));
      });
      req.on('error', reject);
    });
  }

  function contextOf(req: IncomingMessage, url: URL, params: Readonly<Record<string, string>>, session = ''): RequestContext {
    let parsed: Promise<unknown> | undefined;
    /** The body is read once, by whichever asks first (a handler's `bytes`, or `body` and the final drain). */
    let raw: Promise<Buffer> | undefined;
    const readOnce = (...args: Parameters<typeof readBody> extends [unknown, ...infer R] ? R : never) => (raw ??= readBody(req, ...args));
    return {
      req,
      address: addressOf(req),
      session,
      params,
      query: url.searchParams,
      async bytes(limit, tooLarge) {
        const buffer = await readOnce(limit, tooLarge);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      },
      async body<T>(check: Check<T>): Promise<T> {
        parsed ??= (async () => {
          const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          const bytes = await readOnce();
          if (type !== 'application/json' && !type.endsWith('+json')) {
            throw new SupportError('invalid-request', 'Send the body as application/json', { reason: 'invalid-input', status: 415 });
          }
          // Neither invalid UTF-8 nor a lone surrogate is replaced by U+FFFD silently: two ids that differ only
          // there would collide once stored.
          let text: string;
          try {
            text = utf8.decode(bytes);
          } catch {
            throw invalid('The body is not valid UTF-8');
          }
          if (text.trim() === '') throw invalid('A JSON body is required');
          let value: unknown;
          try {
            value = JSON.parse(text) as unknown;
          } catch (error) {
            throw invalid(`The body is not valid JSON: ${(error as Error).message}`);
          }
          const at = loneSurrogateAt(value, 'body');
          if (at) throw invalid(`${at}: contains a lone UTF-16 surrogate (\\uD800–\\uDFFF without its pair); send well-formed Unicode`);
          return value;
        })();
        return checked(check, await parsed, 'body');
      },
    };
  }

  function openStream(req: IncomingMessage, res: ServerResponse, url: URL, actor: Actor, session: string): void {
    const header = req.headers['last-event-id'];
    const raw = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('afterSeq');
    const after = raw !== null && raw !== undefined && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : null;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    // Registered first, held: what is published while the replay is read waits and is written after it, without
    // the messages the replay or the head already cover (the store may answer by promise).
    const connection = { tenantId: actor.tenantId, userId: actor.userId, session, res, openedAt: Date.now() };
    const lifetime = setTimeout(() => hub.close(connection, 'lifetime'), streamMaxMs * (0.9 + 0.1 * Math.random()));
    lifetime.unref();
    const remove = hub.add(connection, () => clearTimeout(lifetime), { hold: true });
    const done = () => remove();
    req.on('close', done);
    res.on('close', done);
    void (async () => {
      // The head first: every message up to it has committed, so the replay read after it contains them all.
      let head = await store.chatHead(actor);
      let text = 'retry: 1000\n\n';
      if (after !== null) {
        for (const message of await store.listChatMessages(actor, after)) {
          text += `event: chat-message\nid: ${message.seq}\ndata: ${JSON.stringify({ type: 'chat-message', message })}\n\n`;
          head = Math.max(head, message.seq);
        }
      }
      text += `event: ready\nid: ${head}\ndata: ${JSON.stringify({ headSeq: head })}\n\n`;
      hub.release(connection, text, head);
    })().catch((error: unknown) => {
      log(`stream: ${String(error)}`);
      hub.close(connection, 'shutdown');
    });
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let url: URL | undefined;
    let authenticated = false;
    try {
      url = parseTarget(req.url);
      const api = url.pathname.startsWith(`${API_BASE}/`);
      if (api || url.pathname === '/health') cors(req, res);
      if (req.method === 'OPTIONS' && api) {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID',
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      if (url.pathname === '/health' && req.method === 'GET') {
        // Healthy only when the database answers: a load balancer stops sending requests to an instance that lost it.
        // The answer names the kind of problem only; the driver's message (host, user, database name) goes to the log.
        const failure = await checkHealth(db, healthTimeoutMs);
        if ((failure?.problem ?? null) !== lastHealthProblem) {
          log(failure ? `health: ${failure.problem}: ${String((failure.error as Error)?.message ?? failure.error).slice(0, 300)}` : 'health: the database answers again');
          lastHealthProblem = failure?.problem ?? null;
        }
        if (!failure) return send(res, { status: 200, body: { ok: true, database: db.kind } });
        return send(res, { status: 503, body: { ok: false, database: db.kind, reason: failure.problem, message: HEALTH_MESSAGES[failure.problem] } });
      }

      let route: Route | undefined;
      let params: Readonly<Record<string, string>> = {};
      let allowed: readonly string[] = [];
      if (url.pathname.startsWith(`${API_BASE}/`)) {
        const m = matchContract(req.method ?? 'GET', url.pathname.slice(API_BASE.length));
        if ('route' in m) ({ route, params } = m);
        else allowed = m.allowed;
      } else if (options.testControl && url.pathname.startsWith(`${TEST_BASE}/`)) {
        checkControlRequest(req);
        const m = matchTest(req.method ?? 'GET', url.pathname.slice(TEST_BASE.length));
        if ('route' in m) ({ route, params } = m);
        else allowed = m.allowed;
      }
      if (!route) {
        req.resume();
        if (allowed.length > 0) {
          return sendError(res, new SupportError('invalid-request', `${req.method} is not allowed here; use ${allowed.join(', ')}`, { reason: 'method-not-allowed', status: 405 }), { Allow: allowed.join(', ') });
        }
        return sendError(res, new SupportError('not-found', `No route ${req.method} ${url.pathname}`, { reason: 'no-route', status: 404 }));
      }
      if (route.access === 'test') {
        send(res, await tests[route.operationId]!(contextOf(req, url, params), actorFor));
        return;
      }
      const { actor, session } = route.access === 'public' ? { actor: null as unknown as Actor, session: '' } : await authenticate(req, addressOf(req));
      authenticated = true;
      const ctx = contextOf(req, url, params, session);
      const reply = await handlers[route.operationId]!(ctx, actor);
      if (reply === 'stream') return openStream(req, res, url, actor, session);
      if (req.method === 'POST' || req.method === 'PUT') await ctx.body((v) => v).catch(() => {}); // drain unread bodies
      send(res, reply);
    } catch (error) {
      req.resume();
      if (error instanceof SupportError) {
        sendError(res, error, error.status === 413 ? { Connection: 'close' } : {});
      } else if (error instanceof URIError) {
        sendError(res, badTarget('The request target has malformed percent-encoding'));
      } else {
        // A stack trace only for a failure after authentication: before it, one line (no attacker-made log noise).
        const where = `${String(req.method).slice(0, 10)} ${url?.pathname.slice(0, 200) ?? '(unparsed)'}`;
        log(authenticated ? `500 ${where}: ${(error as Error)?.stack ?? String(error)}` : `500 ${where}: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
        sendError(res, new SupportError('unavailable', 'The server failed; try again later', { status: 500 }));
      }
    } finally {
      log(`${String(req.method).slice(0, 10)} ${url?.pathname.slice(0, 200) ?? '(invalid target)'} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
    }
  }

  /** The request handler: never rejects (a last-resort failure answers 500 or drops the connection). */
  function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return handleRequest(req, res).catch((error: unknown) => {
      log(`request handler failed: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
      if (!res.headersSent) sendError(res, new SupportError('unavailable', 'The server failed; try again later', { status: 500 }));
      else res.destroy();
    });
  }

  /**
   * For `server.on('clientError')`: what Node's HTTP parser refuses (bad request line or headers, headers too large,
   * timeouts) is answered with the same JSON error body, then the connection closes.
   */
  function clientError(error: Error & { code?: string }, socket: import('node:stream').Duplex): void {
    if (!socket.writable || (error.code === 'ECONNRESET')) {
      socket.destroy();
      return;
    }
    const [status, text, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are too large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request took too long to arrive']
          : [400, 'Bad Request', 'The request cannot be parsed'];
    const body = JSON.stringify({ error: { kind: 'invalid-request', reason: status === 400 ? 'invalid-target' : null, message } });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  return {
    store,
    database: db,
    /** Resolves once events can be delivered (PostgreSQL: the listener is connected); listen for requests after it. */
    ready,
    hub,
    handle,
    clientError,
    actorFor,
    async close() {
      clearInterval(heartbeat);
      hub.closeAll();
      await (await stopListening?.catch(() => null))?.();
    },
  };
}

export type App = ReturnType<typeof createApp>;
