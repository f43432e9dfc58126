/**
 * The reference server's route table: plain data, no Node imports, so that the browser's drift test can compare it
 * with docs/openapi.yaml. The server dispatches from this very table (server/http.ts refuses to start when a route
 * has no handler or a handler no route).
 */

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  readonly verb: HttpVerb;
  /** Path template below the API base, with `{param}` segments, as in the OpenAPI document. */
  readonly path: string;
  /** The OpenAPI `operationId`; for contract routes, the `SupportBackend` method it serves. */
  readonly operationId: string;
  /** `public`: no session needed; `session`: a bearer token; `test`: only with `--test-control`, no auth. */
  readonly access: 'public' | 'session' | 'test';
}

/** Where the contract is mounted. */
export const API_BASE = '/api/v1';
/** Where the test-control routes are mounted (only with `--test-control`). */
export const TEST_BASE = '/__test';

/** The HTTP contract of docs/openapi.yaml. */
export const CONTRACT_ROUTES: readonly Route[] = [
  { verb: 'GET', path: '/session', operationId: 'getSession', access: 'session' },
  { verb: 'GET', path: '/tenant', operationId: 'getTenantInfo', access: 'session' },
  { verb: 'GET', path: '/contact', operationId: 'getContactInfo', access: 'public' },
  { verb: 'GET', path: '/staff', operationId: 'searchStaff', access: 'session' },
  { verb: 'GET', path: '/grants', operationId: 'listGrants', access: 'session' },
  { verb: 'POST', path: '/grants', operationId: 'createGrant', access: 'session' },
  { verb: 'POST', path: '/grants/{grantId}/revoke', operationId: 'revokeGrant', access: 'session' },
  { verb: 'GET', path: '/logins', operationId: 'listLogins', access: 'session' },
  { verb: 'POST', path: '/unlock-links/lookup', operationId: 'resolveUnlockToken', access: 'session' },
  { verb: 'POST', path: '/unlock-links/confirm', operationId: 'confirmUnlockToken', access: 'session' },
  { verb: 'GET', path: '/chat/messages', operationId: 'listChatMessages', access: 'session' },
  { verb: 'POST', path: '/chat/messages', operationId: 'sendChatMessage', access: 'session' },
  { verb: 'PUT', path: '/chat/uploads/{clientId}', operationId: 'uploadAttachment', access: 'session' },
  { verb: 'GET', path: '/chat/attachments/{attachmentId}', operationId: 'downloadAttachment', access: 'session' },
  { verb: 'GET', path: '/events', operationId: 'subscribe', access: 'session' },
  { verb: 'GET', path: '/callback/topics', operationId: 'getCallbackTopics', access: 'session' },
  { verb: 'GET', path: '/callback/windows', operationId: 'listCallbackWindows', access: 'session' },
  { verb: 'GET', path: '/callback/booking', operationId: 'getCallbackBooking', access: 'session' },
  { verb: 'POST', path: '/callback/booking', operationId: 'bookCallback', access: 'session' },
  { verb: 'PUT', path: '/callback/booking/{bookingId}', operationId: 'changeCallback', access: 'session' },
  { verb: 'DELETE', path: '/callback/booking/{bookingId}', operationId: 'cancelCallback', access: 'session' },
];

/**
 * Test-only routes that set up state the contract cannot (what support does on its side, the clock). They
 * implement the conformance suite's `ConformanceControl` for the reference server; never enable them in production.
 */
export const TEST_ROUTES: readonly Route[] = [
  { verb: 'POST', path: '/tenants', operationId: 'testCreateTenant', access: 'test' },
  { verb: 'DELETE', path: '/tenants/{tenantId}', operationId: 'testDeleteTenant', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/users', operationId: 'testAddUser', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/session', operationId: 'testSetSignedIn', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/right', operationId: 'testSetUnlockRight', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/unlock-links', operationId: 'testCreateUnlockLink', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/support-messages', operationId: 'testPushSupportMessage', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/typing', operationId: 'testSetTyping', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/logins', operationId: 'testStartLogin', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/logins/{loginId}/end', operationId: 'testEndLogin', access: 'test' },
  { verb: 'GET', path: '/tenants/{tenantId}/chat-count', operationId: 'testChatCount', access: 'test' },
  { verb: 'POST', path: '/tenants/{tenantId}/clock', operationId: 'testAdvanceClock', access: 'test' },
  { verb: 'POST', path: '/windows/take', operationId: 'testTakeWindow', access: 'test' },
  { verb: 'POST', path: '/purge', operationId: 'testPurge', access: 'test' },
  { verb: 'GET', path: '/streams', operationId: 'testStreamStats', access: 'test' },
];

export interface RouteMatch {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
}

/** Compiles templates once; `match` answers the route and its decoded path parameters, or what verbs the path has. */
export function createMatcher(routes: readonly Route[]) {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return '([^/]+)';
      })
      .join('/');
    return { route, names, regex: new RegExp(`^${source}$`) };
  });
  return (verb: string, path: string): RouteMatch | { readonly allowed: readonly HttpVerb[] } => {
    const allowed: HttpVerb[] = [];
    for (const { route, names, regex } of compiled) {
      const m = regex.exec(path);
      if (!m) continue;
      if (route.verb !== verb) {
        allowed.push(route.verb);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return { allowed };
  };
}
