import { SupportError, type SupportErrorKind } from '../errors.js';

/** The JSON body of every non-2xx response of the HTTP contract (docs/openapi.yaml, `Error`). */
export interface ErrorBody {
  readonly error: {
    readonly kind?: string;
    readonly reason?: string | null;
    readonly message?: string;
  };
}

/** The error kind an HTTP status means, whatever the body says. */
export function kindOfStatus(status: number): SupportErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 408) return 'timeout';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'invalid-request'; // 400, 405, 413, 415, 422 and other 4xx
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date); `null` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns a non-2xx response into the typed error: kind from the status, reason and message from the body. */
export async function errorFromResponse(response: Response, method: string): Promise<SupportError> {
  const status = response.status;
  let reason: string | undefined;
  let message = `${method}: HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const text = await response.text();
    if (text) {
      const body = JSON.parse(text) as Partial<ErrorBody>;
      const error = body && typeof body === 'object' ? body.error : undefined;
      if (error && typeof error === 'object') {
        if (typeof error.reason === 'string' && error.reason !== '') reason = error.reason;
        if (typeof error.message === 'string' && error.message !== '') message = `${method}: ${error.message}`;
      }
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the status alone decides.
  }
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  return new SupportError(kindOfStatus(status), message, {
    status,
    ...(reason === undefined ? {} : { reason }),
    ...(retryAfter === null ? {} : { retryAfter }),
  });
}
