import type { SupportBackend } from '../backend/backend.js';
import { isCacheAware } from '../backend/cache/cache-aware.js';

/**
 * The tenant's time zone (and its `brandName`), one fact per backend: read once from the session (`session.tenant`; the cached
 * one first, with a caching backend) and shared by every element given that backend. `undefined` until it is known,
 * or while the session cannot be read (signed out, offline: asked again at most every 30 s); elements then use
 * `DEFAULT_TIME_ZONE`.
 */
interface Known {
  zone: string | undefined;
  /** `session.tenant.brandName` ('' until known). */
  brand: string;
  reading: boolean;
  /** When a failed read may be tried again (ms since the epoch). */
  retryAt: number;
  /** Elements to update once the zone is known. */
  readonly waiting: Set<{ requestUpdate(): void }>;
}

const RETRY_MS = 30_000;
const known = new WeakMap<SupportBackend, Known>();

export function tenantZoneOf(backend: SupportBackend, element: { requestUpdate(): void }): string | undefined {
  let entry = known.get(backend);
  if (!entry) {
    entry = { zone: undefined, brand: '', reading: false, retryAt: 0, waiting: new Set() };
    known.set(backend, entry);
    if (isCacheAware(backend)) void backend.peek('getSession').then((cached) => settle(entry!, cached?.value.tenant), () => {});
  }
  if (entry.zone !== undefined) return entry.zone;
  entry.waiting.add(element);
  if (!entry.reading && Date.now() >= entry.retryAt) {
    const reading = entry;
    reading.reading = true;
    void backend.getSession().then(
      (session) => {
        reading.reading = false;
        settle(reading, session.tenant);
      },
      () => {
        reading.reading = false;
        reading.retryAt = Date.now() + RETRY_MS;
      },
    );
  }
  return undefined;
}

/**
 * The vendor's name of the tenant's product wording (`session.tenant.brandName`), read with the zone; `''` until it is
 * known (the right is then named without it).
 */
export function tenantBrandOf(backend: SupportBackend, element: { requestUpdate(): void }): string {
  tenantZoneOf(backend, element);
  return known.get(backend)?.brand ?? '';
}

function settle(entry: Known, tenant: { timeZone: string; brandName: string } | undefined): void {
  if (tenant === undefined || (entry.zone === tenant.timeZone && entry.brand === tenant.brandName)) return;
  entry.zone = tenant.timeZone;
  entry.brand = tenant.brandName ?? '';
  for (const waiting of entry.waiting) waiting.requestUpdate();
  entry.waiting.clear();
}
