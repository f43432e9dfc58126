/** What went wrong, in terms an element can explain to a user. */
export type SupportErrorKind =
  | 'unauthorized' // not signed in (any more)
  | 'forbidden' // signed in, but lacks the right
  | 'not-found'
  | 'conflict' // the state changed meanwhile: already booked, window taken, token used
  | 'invalid-request' // the backend refused the input (HTTP 400/413/422)
  | 'network' // no connection
  | 'timeout'
  | 'invalid-response' // the backend answered something that is not what the contract says
  | 'unavailable' // the backend is down or overloaded (5xx)
  | 'aborted' // the caller aborted the request
  | 'storage-full'; // this browser's storage quota is used up: files waiting to be sent cannot be kept (QuotaExceededError)

/**
 * A finer reason inside a kind, for the cases an element words differently. Backends may send others; elements fall
 * back to the kind's message for reasons they do not know.
 */
export type SupportErrorReason =
  | 'right-missing' // forbidden: the user lacks "may unlock the support user"
  | 'token-unknown' // not-found
  | 'token-expired' // not-found: the link was valid but is too old
  | 'token-used' // conflict: the link was already confirmed or declined
  | 'booking-exists' // conflict: one callback window per customer
  | 'window-taken' // conflict: somebody booked the window meanwhile
  | 'window-invalid' // conflict: outside hours, in the past, inside the notice
  | 'grant-inactive' // conflict: revoking a grant that already ended
  | 'invalid-input' // the request itself was malformed
  | 'attachment-empty' // invalid-request: a file of 0 bytes
  | 'attachment-too-large' // invalid-request: over ATTACHMENT_MAX_BYTES (HTTP 413)
  | 'attachment-type-refused' // invalid-request: the content is none of ATTACHMENT_TYPES (HTTP 415)
  | 'attachments-too-many' // invalid-request: more than ATTACHMENTS_PER_MESSAGE_MAX on one message
  | 'attachment-unknown' // invalid-request: an attachment id that is unknown, another user's or already sent
  | (string & {});

export interface SupportErrorOptions {
  readonly reason?: SupportErrorReason;
  /** HTTP status, when the error came from HTTP. */
  readonly status?: number;
  /** Seconds the server asked to wait before retrying. */
  readonly retryAfter?: number;
  readonly cause?: unknown;
}

/** The one error type every backend method rejects with. */
export class SupportError extends Error {
  override readonly name = 'SupportError';
  readonly kind: SupportErrorKind;
  readonly reason: SupportErrorReason | null;
  readonly status: number | null;
  readonly retryAfter: number | null;

  constructor(kind: SupportErrorKind, message: string, options: SupportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.reason = options.reason ?? null;
    this.status = options.status ?? null;
    this.retryAfter = options.retryAfter ?? null;
  }

  /** `true` for failures a retry may cure (network, timeout, unavailable). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'unavailable';
  }
}

export const isSupportError = (error: unknown): error is SupportError => error instanceof SupportError;

/** Turns anything thrown into a SupportError (an abort stays recognisable as `aborted`). */
export function toSupportError(error: unknown): SupportError {
  if (error instanceof SupportError) return error;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new SupportError('storage-full', 'The browser storage for this site is full', { cause: error });
  }
  if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new SupportError(error.name === 'AbortError' ? 'aborted' : 'timeout', error.message, { cause: error });
  }
  if (error instanceof TypeError) return new SupportError('network', error.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new SupportError('unavailable', message, { cause: error });
}

/** Rejects with `aborted` when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SupportError('aborted', 'The request was aborted', { cause: signal.reason });
}
