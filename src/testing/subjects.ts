import { createDemoBackend, type DemoBackendOptions } from '../backend/demo/demo-backend.js';
import { createHttpBackend, type HttpBackendOptions } from '../backend/http/http-backend.js';
import type { ChatMessage, SupportLogin } from '../core/types.js';
import type { ConformanceSubject } from './types.js';

/**
 * A fresh demo backend as a conformance subject: empty history, no simulated agent or logins, and a clock the
 * suite can move forward.
 */
export function demoSubject(options: DemoBackendOptions = {}): ConformanceSubject {
  let offset = 0;
  const backend = createDemoBackend({
    history: false,
    agentDelayMs: null,
    loginDelayMs: null,
    ...options,
    now: () => new Date(Date.now() + offset),
  });
  const c = backend.control;
  return {
    backend,
    control: {
      signIn: c.signIn,
      signOut: c.signOut,
      setUnlockRight: c.setUnlockRight,
      createUnlockLink: c.createUnlockLink,
      pushSupportMessage: c.pushSupportMessage,
      startSupportLogin: c.startSupportLogin,
      endSupportLogin: c.endSupportLogin,
      takeWindow: c.takeWindow,
      chatMessageCount: c.chatMessageCount,
      advanceClock: (ms) => void (offset += ms),
    },
    dispose: () => c.dispose(),
  };
}

export interface ReferenceServerSubjectOptions {
  /** Options for the HTTP backend under test (short reconnect delays are set by default). */
  readonly backend?: Partial<Omit<HttpBackendOptions, 'baseUrl' | 'token'>>;
  /** The `fetch` of the control calls. */
  readonly fetch?: typeof fetch;
}

/**
 * Subjects for the reference server started with `--test-control` at `origin` (e.g. `http://127.0.0.1:8787`): each is
 * a new tenant created through the test routes, talked to with `createHttpBackend`, and deleted on dispose. Shows
 * how to implement `ConformanceControl` for a server of your own.
 */
export interface ReferenceServerSubject extends ConformanceSubject {
  /** The test tenant and its user's bearer token (for raw HTTP requests next to the backend's). */
  readonly tenantId: string;
  readonly token: string;
  /** The API base URL (`<origin>/api/v1`). */
  readonly baseUrl: string;
}

export function referenceServerSubjects(origin: string, options: ReferenceServerSubjectOptions = {}): () => Promise<ReferenceServerSubject> {
  const root = origin.replace(/\/+$/, '');
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await doFetch(`${root}/__test${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} /__test${path}: HTTP ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  return async () => {
    const { tenantId, token } = await control<{ tenantId: string; token: string }>('POST', '/tenants', {});
    const t = `/tenants/${encodeURIComponent(tenantId)}`;
    const backend = createHttpBackend({
      reconnectDelayMs: 100,
      maxReconnectDelayMs: 1000,
      retryDelayMs: 50,
      ...options.backend,
      baseUrl: `${root}/api/v1`,
      token: () => token,
    });
    return {
      tenantId,
      token,
      baseUrl: `${root}/api/v1`,
      backend,
      control: {
        signIn: () => control('POST', `${t}/session`, { signedIn: true }),
        signOut: () => control('POST', `${t}/session`, { signedIn: false }),
        setUnlockRight: (allowed) => control('POST', `${t}/right`, { allowed }),
        createUnlockLink: async (input) => (await control<{ token: string }>('POST', `${t}/unlock-links`, input)).token,
        pushSupportMessage: (text, authorName) =>
          control<ChatMessage>('POST', `${t}/support-messages`, authorName === undefined ? { text } : { text, authorName }),
        startSupportLogin: async (reason) =>
          (await control<{ login: SupportLogin | null }>('POST', `${t}/logins`, reason === undefined ? {} : { reason })).login,
        endSupportLogin: async (loginId) => void (await control('POST', `${t}/logins/${encodeURIComponent(loginId)}/end`, {})),
        takeWindow: (topicId, start) => control('POST', '/windows/take', { topicId, start: start.toISOString() }),
        chatMessageCount: async (clientId) =>
          (await control<{ count: number }>('GET', `${t}/chat-count${clientId === undefined ? '' : `?clientId=${encodeURIComponent(clientId)}`}`)).count,
        advanceClock: (ms) => control('POST', `${t}/clock`, { advanceMs: Math.round(ms) }),
      },
      dispose: () => control('DELETE', t),
    };
  };
}
