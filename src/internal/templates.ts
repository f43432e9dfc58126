import { html, nothing, type TemplateResult } from 'lit';
import type { SupportError } from '../backend/errors.js';
import { errorKey } from './common.i18n.js';
import type { Translator } from './support-element.js';

type Translate = Translator;

/**
 * The user-facing sentence for an error: its reason where the common table has one, else its kind. `brand`
 * (`session.tenant.brandName`) names the right of a `right-missing` error the way the product's rights list does.
 */
export function errorMessage(error: SupportError, t: Translate, brand = ''): string {
  if (error.reason === 'right-missing') return t('error.right-missing', t('rightName', brand));
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
