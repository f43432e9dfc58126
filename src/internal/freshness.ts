import { html, nothing, type TemplateResult } from 'lit';
import { formatDate } from './format.js';
import type { Resource } from './resource.js';
import type { Translator } from './support-element.js';
import { errorMessage } from './templates.js';

// Apart from templates.ts, which every element's first paint needs: this one formats dates, and only views show it.

/**
 * Where the data on screen comes from: "Updated just now", or "Showing saved data from 10:42" (while refreshing, or
 * with the reason and a retry when the refresh failed).
 */
export function renderFreshness(
  resource: Pick<Resource<unknown>, 'state' | 'updatedAt' | 'error' | 'retry'>,
  context: { t: Translator; locale: string; timeZone: string; now?: Date },
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
