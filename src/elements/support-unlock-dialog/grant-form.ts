import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { SupportError, toSupportError } from '../../backend/errors.js';
import { DEFAULT_GRANT_DURATION, GRANT_DURATIONS, grantEndsAt } from '../../core/durations.js';
import type { GrantDuration, Grantee, StaffSearchResult } from '../../core/types.js';
import { errorMessage } from '../../internal/templates.js';
import { DialogPart } from './dialog-part.js';
import { durationLabel, formatInZones, untilText, writeErrorMessage } from './view-helpers.js';

/** Styles of the Grant form. */
export const grantFormStyles = css`
  .grant-form {
    display: grid;
    gap: 1em;
    max-width: 40rem;
  }
  .field {
    display: grid;
    gap: 0.3em;
  }
  .field > label {
    font-weight: 600;
  }
  .checkbox-field {
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 0.5em;
  }
  .checkbox-field .hint {
    grid-column: 2;
  }
  .hint {
    margin: 0;
    font-size: 0.88em;
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 550;
  }
  input[type='text'],
  select {
    min-height: 2.4rem;
    padding: 0.35em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .combobox {
    position: relative;
  }
  .listbox {
    position: absolute;
    z-index: 2;
    inset-inline: 0;
    top: calc(100% + 2px);
    max-height: 16rem;
    overflow: auto;
    padding: 0.25em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }
  .group-label {
    padding: 0.35em 0.6em 0.15em;
    font-size: 0.8em;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--_muted);
  }
  .option {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    padding: 0.4em 0.6em;
    border-radius: 4px;
    cursor: pointer;
  }
  .option:hover,
  .option[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
  }
  .option[aria-selected='true'] {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .option-detail {
    font-size: 0.88em;
  }
  .search-status {
    display: flex;
    align-items: center;
    gap: 0.75em;
    min-height: 1.2em;
    font-size: 0.88em;
    color: var(--_muted);
  }
  .preview {
    padding: 0.75em 0.9em;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
    border-inline-start: 4px solid var(--_accent);
  }
  .preview > * {
    margin: 0;
  }
  .preview-title {
    font-size: 0.8em;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--_muted);
  }
  .preview-text {
    font-weight: 600;
    margin-block: 0.2em;
  }
  .preview-tenant,
  .preview-note {
    font-size: 0.88em;
  }
  @media (forced-colors: active) {
    .option[aria-selected='true'] {
      outline: 2px solid Highlight;
    }
    .listbox,
    .preview {
      border: 1px solid CanvasText;
    }
  }
`;

interface Option {
  readonly grantee: Grantee;
  readonly label: string;
  readonly detail: string;
}

type SearchState = 'idle' | 'loading' | 'done' | 'error';

/**
 * The Grant tab (internal element of `<support-unlock-dialog>`): who (a combobox over `searchStaff`, debounced,
 * aborting the previous request, results grouped into departments and employees), data export (off by default),
 * duration (1 hour by default), a live preview of the result, a second confirmation for permanent and
 * department-wide-with-export grants, and errors in place. A new grant is reported with the public
 * `support-grant-created` event; the combobox and its listbox share this shadow root.
 */
export class UnlockGrantForm extends DialogPart {
  static override styles = [...DialogPart.styles, grantFormStyles];

  /** Milliseconds the search waits after the last keystroke. */
  @property({ attribute: false }) searchDelay = 250;

  @state() query = '';
  @state() selected: Grantee | null = null;
  @state() dataExport = false;
  @state() duration: GrantDuration = DEFAULT_GRANT_DURATION;

  @state() results: StaffSearchResult | null = null;
  /** The query `results` belong to. */
  @state() resultsFor: string | null = null;
  @state() searchState: SearchState = 'idle';
  @state() searchError: SupportError | null = null;
  @state() expanded = false;
  @state() activeIndex = -1;

  @state() phase: 'edit' | 'confirm' | 'submitting' = 'edit';
  @state() missingGrantee = false;
  @state() error: SupportError | null = null;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #search: AbortController | null = null;
  #submit: AbortController | null = null;

  /** Moves focus to the search field (the dialog's first focus on the Grant tab). */
  focusSearch(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // No timer or request outlives the form (the popup closed, the tab changed).
    this.#cancelSearch();
    this.#submit?.abort();
  }

  get #options(): Option[] {
    const t = this.t;
    if (!this.results) return [];
    return [
      ...this.results.departments.map((d) => ({
        grantee: { kind: 'department' as const, id: d.id, name: d.name },
        label: d.name,
        detail: t('wholeDepartment'),
      })),
      ...this.results.employees.map((e) => ({
        grantee: { kind: 'employee' as const, id: e.id, name: e.name, department: e.department },
        label: e.name,
        detail: e.department.name,
      })),
    ];
  }

  /** Back to the defaults (after a grant, or when the popup closes); cancels a pending search. */
  reset(): void {
    this.#cancelSearch();
    this.query = '';
    this.selected = null;
    this.dataExport = false;
    this.duration = DEFAULT_GRANT_DURATION;
    this.results = null;
    this.resultsFor = null;
    this.searchState = 'idle';
    this.searchError = null;
    this.expanded = false;
    this.activeIndex = -1;
    this.phase = 'edit';
    this.missingGrantee = false;
    this.error = null;
  }

  // ------------------------------------------------------------------------------------------------ search
  #update(): void {
    this.requestUpdate();
  }

  #cancelSearch(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#search?.abort();
    this.#search = null;
  }

  /** Searches for `query` after the debounce delay; `immediately` skips it (opening the list by key or click). */
  #scheduleSearch(immediately = false): void {
    clearTimeout(this.#timer);
    const query = this.query.trim();
    if (immediately) {
      void this.#runSearch(query);
      return;
    }
    this.#timer = setTimeout(() => void this.#runSearch(query), this.searchDelay);
  }

  async #runSearch(query: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.#search?.abort();
    const controller = new AbortController();
    this.#search = controller;
    this.searchState = 'loading';
    this.searchError = null;
    this.#update();
    try {
      const results = await api.searchStaff(query, controller.signal);
      if (controller.signal.aborted) return;
      this.results = results;
      this.resultsFor = query;
      this.searchState = 'done';
      this.activeIndex = -1;
      this.expanded = this.#options.length > 0;
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (controller.signal.aborted || error.kind === 'aborted') return;
      this.searchState = 'error';
      this.searchError = error;
      this.results = null;
      this.resultsFor = null;
      this.expanded = false;
    } finally {
      if (this.#search === controller) this.#search = null;
      this.#update();
    }
  }

  #open(): void {
    if (this.resultsFor === this.query.trim() && this.#options.length > 0) {
      this.expanded = true;
      this.#update();
    } else if (this.searchState !== 'loading') {
      this.#scheduleSearch(true);
    }
  }

  #close(): void {
    if (!this.expanded) return;
    this.expanded = false;
    this.activeIndex = -1;
    this.#update();
  }

  #choose(option: Option): void {
    this.#cancelSearch();
    this.selected = option.grantee;
    this.query = option.label;
    this.missingGrantee = false;
    this.error = null;
    this.expanded = false;
    this.activeIndex = -1;
    if (this.phase === 'confirm') this.phase = 'edit';
    this.#update();
  }

  #onInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.selected = null;
    this.missingGrantee = false;
    if (this.phase === 'confirm') this.phase = 'edit';
    this.#scheduleSearch();
    this.#update();
  }

  #onKeyDown(event: KeyboardEvent): void {
    const options = this.#options;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.expanded) {
          this.#open();
          if (this.expanded && options.length) this.activeIndex = event.key === 'ArrowDown' ? 0 : options.length - 1;
        } else if (options.length) {
          const step = event.key === 'ArrowDown' ? 1 : -1;
          this.activeIndex = (this.activeIndex + step + options.length + (this.activeIndex < 0 && step < 0 ? 1 : 0)) % options.length;
        }
        this.#update();
        break;
      }
      case 'Enter':
        if (this.expanded && this.activeIndex >= 0 && options[this.activeIndex]) {
          event.preventDefault();
          this.#choose(options[this.activeIndex]!);
        }
        break;
      case 'Escape':
        if (this.expanded) {
          // Close the list only, not the popup.
          event.preventDefault();
          event.stopPropagation();
          this.#close();
        } else if (this.query) {
          event.preventDefault();
          event.stopPropagation();
          this.query = '';
          this.selected = null;
          this.#cancelSearch();
          this.searchState = 'idle';
          this.#update();
        }
        break;
      case 'Tab':
        this.#close();
        break;
      default:
    }
  }

  // ------------------------------------------------------------------------------------------------ submit
  get #needsConfirmation(): boolean {
    return this.duration === 'permanent' || (this.selected?.kind === 'department' && this.dataExport);
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    if (this.phase === 'submitting') return;
    if (!this.selected) {
      this.missingGrantee = true;
      this.#focus('search');
      return;
    }
    if (this.#needsConfirmation && this.phase !== 'confirm') {
      this.phase = 'confirm';
      this.#focus('confirm-yes');
      return;
    }
    void this.#create();
  }

  async #create(): Promise<void> {
    const api = this.api;
    const selected = this.selected;
    if (!api || !selected) return;
    this.phase = 'submitting';
    this.error = null;
    this.#update();
    this.#submit?.abort();
    const controller = new AbortController();
    this.#submit = controller;
    try {
      const grant = await api.createGrant(
        { grantee: { kind: selected.kind, id: selected.id }, dataExport: this.dataExport, duration: this.duration },
        controller.signal,
      );
      this.reset();
      // The dialog shows it in the Grants overview on this event (and so may the page).
      this.emit('support-grant-created', { grant });
    } catch (thrown) {
      const error = toSupportError(thrown);
      if (error.kind === 'aborted') return;
      this.phase = 'edit';
      this.error = error;
      if (error.reason === 'right-missing') this.rightMissing();
    } finally {
      if (this.#submit === controller) this.#submit = null;
      this.#update();
    }
  }

  #focus(name: string): void {
    this.focusById(name);
  }

  // ------------------------------------------------------------------------------------------------ render
  protected override render(): TemplateResult {
    const t = this.t;
    const id = (name: string) => name;
    const options = this.#options;
    const describedBy = [id('search-hint'), this.missingGrantee ? id('search-error') : ''].filter(Boolean).join(' ');
    const activeId = this.expanded && this.activeIndex >= 0 ? id(`option-${this.activeIndex}`) : '';
    return html`<form class="grant-form" part="grant-form" novalidate @submit=${(e: Event) => this.#onSubmit(e)}>
      <div class="field" part="field">
        <label part="label" for=${id('search')} id=${id('search-label')}>${t('searchLabel')}</label>
        <div class="combobox" part="combobox" data-state=${this.searchState} data-query=${this.resultsFor ?? ''}>
          <input
            id=${id('search')}
            part="search-input"
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded=${this.expanded ? 'true' : 'false'}
            aria-controls=${id('listbox')}
            aria-activedescendant=${ifDefined(activeId || undefined)}
            aria-describedby=${describedBy}
            aria-invalid=${this.missingGrantee ? 'true' : 'false'}
            aria-required="true"
            placeholder=${t('searchPlaceholder')}
            .value=${live(this.query)}
            @input=${(e: InputEvent) => this.#onInput(e)}
            @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e)}
            @click=${() => (this.expanded ? this.#close() : this.#open())}
            @blur=${() => this.#close()}
          />
          <div class="listbox" part="listbox" id=${id('listbox')} role="listbox" aria-labelledby=${id('search-label')} ?hidden=${!this.expanded}>
            ${this.expanded ? this.#renderGroups(options) : nothing}
          </div>
        </div>
        <p class="hint muted" part="hint" id=${id('search-hint')}>${t('searchHint')}</p>
        ${this.missingGrantee
          ? html`<p class="field-error" part="field-error" id=${id('search-error')}>${t('chooseGrantee')}</p>`
          : nothing}
        <div class="search-status" part="search-status">
          <span role="status">${this.#searchStatus(options.length)}</span>
          ${this.searchState === 'error'
            ? html`<button class="button" part="retry-button" type="button" @click=${() => this.#scheduleSearch(true)}>${t('retry')}</button>`
            : nothing}
        </div>
      </div>

      <div class="field checkbox-field" part="field">
        <input
          id=${id('export')}
          part="export-checkbox"
          type="checkbox"
          .checked=${live(this.dataExport)}
          aria-describedby=${id('export-hint')}
          @change=${(e: Event) => {
            this.dataExport = (e.target as HTMLInputElement).checked;
            if (this.phase === 'confirm') this.phase = 'edit';
            this.#update();
          }}
        />
        <label part="label" for=${id('export')}>${t('dataExportLabel')}</label>
        <p class="hint muted" part="hint" id=${id('export-hint')}>${t('dataExportHint')}</p>
      </div>

      <div class="field" part="field">
        <label part="label" for=${id('duration')}>${t('durationLabel')}</label>
        <select
          id=${id('duration')}
          part="duration-select"
          @change=${(e: Event) => {
            this.duration = (e.target as HTMLSelectElement).value as GrantDuration;
            if (this.phase === 'confirm') this.phase = 'edit';
            this.#update();
          }}
        >
          ${GRANT_DURATIONS.map(
            (d) => html`<option value=${d} ?selected=${d === this.duration} .selected=${live(d === this.duration)}>${durationLabel(d, t)}</option>`,
          )}
        </select>
      </div>

      ${this.#renderPreview()}
      ${this.phase === 'confirm' ? this.#renderConfirmation() : this.#renderSubmit()}
      ${this.error
        ? html`<div class="notice error" part="form-error" role="alert">${this.error.kind === 'not-found' && !this.error.reason
            ? t('granteeGone')
            : writeErrorMessage(this.error, t, this.tenantBrand)}</div>`
        : nothing}
    </form>`;
  }

  #searchStatus(count: number): string {
    const t = this.t;
    switch (this.searchState) {
      case 'loading':
        return t('searching');
      case 'error':
        return `${t('searchFailed')} ${this.searchError ? errorMessage(this.searchError, t) : ''}`.trim();
      case 'done':
        if (this.selected) return '';
        return count > 0 ? t('results', count) : t('noResults', this.resultsFor ?? '');
      default:
        return '';
    }
  }

  #renderGroups(options: Option[]): TemplateResult {
    const t = this.t;
    const id = (name: string) => name;
    const group = (kind: Grantee['kind'], label: string) => {
      const members = options.map((o, i) => ({ o, i })).filter(({ o }) => o.grantee.kind === kind);
      if (!members.length) return nothing;
      return html`<div role="group" part="group" aria-label=${label}>
        <div class="group-label" part="group-label" aria-hidden="true">${label}</div>
        ${members.map(
          ({ o, i }) => html`<div
            class="option"
            part=${i === this.activeIndex ? 'option option-active' : 'option'}
            id=${id(`option-${i}`)}
            role="option"
            aria-selected=${i === this.activeIndex ? 'true' : 'false'}
            data-kind=${o.grantee.kind}
            data-id=${o.grantee.id}
            @mousedown=${(e: MouseEvent) => e.preventDefault()}
            @click=${() => this.#choose(o)}
          >
            <span class="option-label">${o.label}</span>
            <span class="option-detail muted">${o.detail}</span>
          </div>`,
        )}
      </div>`;
    };
    return html`${group('department', t('groupDepartments'))}${group('employee', t('groupEmployees'))}`;
  }

  /** The sentence the preview shows (also used by tests through the DOM). */
  #renderPreview(): TemplateResult {
    const ctx = this.ctx;
    const t = this.t;
    const id = (name: string) => name;
    const now = this.currentTime();
    const endsAt = grantEndsAt(this.duration, now, this.tenantZone);
    const who = !this.selected
      ? t('previewNobody')
      : this.selected.kind === 'employee'
        ? t('previewEmployee', this.selected.name, this.selected.department.name)
        : t('previewDepartment', this.selected.name);
    const tenant = endsAt ? formatInZones(endsAt, ctx, 'date-time', true).tenant : null;
    return html`<div class="preview" part="preview" id=${id('preview')}>
      <h3 class="preview-title" part="preview-title">${t('previewTitle')}</h3>
      <p class="preview-text" part="preview-text">
        ${who} ${untilText(endsAt, ctx)} — ${this.dataExport ? t('withExport') : t('withoutExport')}
      </p>
      ${tenant
        ? html`<p class="preview-tenant" part="preview-tenant">${t('tenantZoneLine', tenant, this.tenantZone)}</p>`
        : nothing}
      <p class="muted preview-note" part="preview-note">${t('countsFromNow')}</p>
    </div>`;
  }

  #renderSubmit(): TemplateResult {
    const t = this.t;
    const id = (name: string) => name;
    const busy = this.phase === 'submitting';
    return html`<div class="actions" part="actions">
      <button
        class="button primary"
        part="submit-button"
        id=${id('submit')}
        type="submit"
        aria-describedby=${id('preview')}
        aria-disabled=${busy ? 'true' : 'false'}
      >
        ${busy ? t('submitting') : t('submit')}
      </button>
    </div>`;
  }

  #renderConfirmation(): TemplateResult {
    const t = this.t;
    const id = (name: string) => name;
    const selected = this.selected;
    return html`<div
      class="notice warning confirm"
      part="confirm"
      role="group"
      aria-labelledby=${id('confirm-title')}
      aria-describedby=${id('confirm-text')}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        this.phase = 'edit';
        this.#focus('submit');
      }}
    >
      <strong id=${id('confirm-title')}>${t('confirmTitle')}</strong>
      <div id=${id('confirm-text')}>
        ${this.duration === 'permanent' ? html`<p>${t('confirmPermanent')}</p>` : nothing}
        ${selected?.kind === 'department' && this.dataExport ? html`<p>${t('confirmDepartmentExport', selected.name)}</p>` : nothing}
      </div>
      <div class="actions">
        <button class="button primary" part="confirm-button" id=${id('confirm-yes')} type="button" @click=${() => void this.#create()}>
          ${t('confirmYes')}
        </button>
        <button
          class="button"
          part="cancel-button"
          type="button"
          @click=${() => {
            this.phase = 'edit';
            this.#update();
          }}
        >
          ${t('confirmBack')}
        </button>
      </div>
    </div>`;
  }
}
