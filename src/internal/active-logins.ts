import type { ReactiveControllerHost } from 'lit';
import type { SupportBackend, SupportEvent } from '../backend/backend.js';
import { toSupportError } from '../backend/errors.js';
import { isoDayIn } from '../core/zone.js';
import type { SupportLogin } from '../core/types.js';
import { formatDate, formatZoneName, zonesDiffer } from './format.js';

/**
 * English strings for "Support (…) has been in your system since …"; elements spread them into their own tables (the German
 * ones, `activeLoginDe` in active-logins.de.ts, into their German tables).
 */
export const activeLoginEn = {
  activeLogin: (name: string, since: string) => `Support (${name}) has been in your system since ${since}`,
  activeLoginReason: (reason: string) => `reason: ${reason}`,
  activeLoginNoReason: 'no reason stated',
  activeLoginMore: (count: number) => (count === 1 ? 'and 1 more support login' : `and ${count} more support logins`),
};

type ActiveLoginText = {
  activeLogin: (name: string, since: string) => string;
  activeLoginReason: (reason: string) => string;
  activeLoginNoReason: string;
};

/**
 * The sentence for one login in progress: "Support (Lena Hoffmann) has been in your system since 14:02 — reason: …". The
 * time is the viewer's; with the zone's name when the tenant's zone differs, with the day when it is not today.
 */
export function activeLoginSentence(
  login: SupportLogin,
  context: { text: ActiveLoginText; locale: string; viewerZone: string; tenantZone: string; now: Date },
): { lead: string; reason: string } {
  const { text, locale, viewerZone, tenantZone, now } = context;
  const sameDay = isoDayIn(login.startedAt, viewerZone) === isoDayIn(now, viewerZone);
  let since = formatDate(login.startedAt, locale, viewerZone, sameDay ? 'time' : 'weekday-date-time');
  if (zonesDiffer(login.startedAt, viewerZone, tenantZone)) since += ` ${formatZoneName(login.startedAt, locale, viewerZone)}`;
  const reason = login.reason.trim() ? text.activeLoginReason(login.reason.trim()) : text.activeLoginNoReason;
  return { lead: text.activeLogin(login.employee.name, since), reason };
}

/**
 * Who from support is logged in right now, kept live: `refresh()` lists the logins in progress (never from a cache —
 * a saved "nobody is logged in" would be a false all-clear), and `handle()` applies live events. Events that arrive
 * while a refresh is in flight are applied to its result, so none is lost. The host owns the subscription
 * (`LiveEvents`) and forwards every event to `handle()`.
 */
export class ActiveLogins {
  /** Logins in progress, the most recent first. */
  logins: SupportLogin[] = [];
  /** `true` once a listing succeeded (until then `logins` says nothing). */
  known = false;

  readonly #host: ReactiveControllerHost;
  readonly #source: () => SupportBackend | undefined;
  #controller: AbortController | null = null;
  #pending: SupportEvent[] | null = null;

  constructor(host: ReactiveControllerHost, source: () => SupportBackend | undefined) {
    this.#host = host;
    this.#source = source;
  }

  /** Lists the logins in progress again (after connecting, reconnecting or a backend change). */
  async refresh(): Promise<void> {
    const backend = this.#source();
    this.#controller?.abort();
    if (!backend) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.#pending = [];
    try {
      const logins = await backend.listLogins({ activeOnly: true }, controller.signal);
      if (controller.signal.aborted) return;
      this.logins = logins.filter((l) => l.endedAt === null);
      this.known = true;
      for (const event of this.#pending) this.#apply(event);
      this.#sort();
    } catch (error) {
      // Keep what is known; the next `connection: open` tries again.
      if (toSupportError(error).kind === 'aborted') return;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#pending = null;
      }
      this.#host.requestUpdate();
    }
  }

  /**
   * Applies a live event; `connection: open` refreshes (catch up after a reconnect). `closed` before anything is known
   * lists once anyway (a `subscribe()` that failed pauses live updates, not the listing); `unauthorized` (the session
   * is gone) forgets the logins.
   */
  handle(event: SupportEvent): void {
    if (event.type === 'connection') {
      if (event.state === 'open' || (event.state === 'closed' && !this.known && !this.#controller)) void this.refresh();
      else if (event.state === 'unauthorized') {
        this.reset();
        this.#host.requestUpdate();
      }
      return;
    }
    if (event.type !== 'login-started' && event.type !== 'login-ended') return;
    this.#pending?.push(event);
    this.#apply(event);
    this.#sort();
    this.#host.requestUpdate();
  }

  /** Forgets everything (backend changed, element closed). */
  reset(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#pending = null;
    this.logins = [];
    this.known = false;
  }

  #apply(event: SupportEvent): void {
    if (event.type !== 'login-started' && event.type !== 'login-ended') return;
    const others = this.logins.filter((l) => l.id !== event.login.id);
    this.logins = event.login.endedAt === null ? [...others, event.login] : others;
  }

  #sort(): void {
    this.logins.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }
}
