import { html, nothing, type TemplateResult } from 'lit';
import type { SupportError } from '../backend/errors.js';
import { errorKey } from './common.i18n.js';
import { formatDate } from './format.js';
import type { Resource } from './resource.js';
import type { Translator } from './support-element.js';

type Translate = Translator;

/** The user-facing sentence for an error: its reason where the common table has one, else its kind. */
export function errorMessage(error: SupportError, t: Translate): string {
  if (error.reason === 'right-missing') return t('error.right-missing');
  return t(errorKey(error.kind));
}

/** An error in place, with a retry button. */
export function renderError(error: SupportError, retry: (() => void) | null, t: Translate): TemplateResult {
  return html`<div class="notice error" part="error" role="alert">
    <span>${errorMessage(error, t)}</span>
    ${retry ? html`<button class="button" part="retry-button" type="button" @click=${retry}>${t('retry')}</button>` : nothing}
  </div>`;
}

/** Grey bars in the shape of what is loading; announced once as "Loading…". */
export function renderSkeleton(lines: number, t: Translate): TemplateResult {
  return html`<div part="skeleton" aria-busy="true">
    <span class="visually-hidden" role="status">${t('loading')}</span>
    ${Array.from({ length: lines }, (_, i) => html`<span class="skeleton" style="width:${90 - ((i * 23) % 40)}%;margin-block:0.6em"></span>`)}
  </div>`;
}

/**
 * Where the data on screen comes from: "Updated just now", or "Showing saved data from 10:42" (while refreshing, or
 * with the reason and a retry when the refresh failed).
 */
export function renderFreshness(
  resource: Pick<Resource<unknown>, 'state' | 'updatedAt' | 'error' | 'retry'>,
  context: { t: Translate; locale: string; timeZone: string; now?: Date },
): TemplateResult | typeof nothing {
  const { t, locale, timeZone } = context;
  const now = context.now ?? new Date();
  const at = resource.updatedAt;
  if (!at) return nothing;
  if (resource.state === 'fresh') {
    // "just now" for a minute (Resource re-renders once when it ends), then the time itself, which never goes stale.
    const text =
      now.getTime() - at.getTime() < 60_000 ? t('updatedJustNow') : t('updatedAt', formatDate(at, locale, timeZone, 'time'));
    return html`<p class="freshness muted" part="freshness" data-state="fresh">${text}</p>`;
  }
  const when = formatDate(at, locale, timeZone, 'weekday-date-time');
  return html`<div class="notice warning freshness" part="freshness" data-state="stale" role="status">
    <span>${t('showingSaved', when)}</span>
    ${resource.error
      ? html`<span>${errorMessage(resource.error, t)}</span>
          <button class="button" part="retry-button" type="button" @click=${() => resource.retry()}>${t('retry')}</button>`
      : html`<span class="muted">${t('refreshing')}</span>`}
  </div>`;
}
