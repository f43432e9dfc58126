import type { SupportBackend } from '../../src/backend/index.js';

/** The free-text fields a backend fills (names, labels, reasons, messages, topics, notes, tenant facts). */
const TEXT_FIELDS = new Set([
  'name',
  'label',
  'tenantName',
  'tenantLabel',
  'productName',
  'edition',
  'customerNumber',
  'reason',
  'text',
  'authorName',
  'title',
  'description',
  'note',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** `value` with every free-text field (also localised ones: `{ en, de }`) replaced by `text`. */
export function withText<T>(value: T, text: string): T {
  if (Array.isArray(value)) return value.map((item) => withText(item, text)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (TEXT_FIELDS.has(key) && typeof field === 'string' && field !== '') out[key] = text;
    else if (TEXT_FIELDS.has(key) && isPlainObject(field)) out[key] = Object.fromEntries(Object.keys(field).map((lang) => [lang, text]));
    else out[key] = withText(field, text);
  }
  return out as T;
}

/**
 * A backend whose every answer (and live event) carries `text` in each free-text field: what a host's CRM sends when a
 * name, a reason or a note is one long unbroken word (a ticket URL, a pasted token). Requests pass through unchanged.
 */
export function longTextBackend(backend: SupportBackend, text: string): SupportBackend {
  return new Proxy(backend, {
    get(target, key, receiver) {
      const member = Reflect.get(target, key, receiver) as unknown;
      if (typeof member !== 'function') return member;
      if (key === 'subscribe') {
        return (listener: (event: unknown) => void, signal: AbortSignal) =>
          target.subscribe((event) => listener(withText(event, text)), signal);
      }
      return (...args: unknown[]) => {
        const result = (member as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? result.then((value) => withText(value, text)) : result;
      };
    },
  });
}
