import { html, nothing, type TemplateResult } from 'lit';
import type { CallbackWindow } from '../../core/types.js';
import { isSelectable, type PanelTranslator } from './draft.js';
import type { WindowFormat } from './window-format.js';

export interface SlotPickerContext {
  readonly t: PanelTranslator;
  readonly fmt: WindowFormat;
  /** Windows per calendar day of the viewer, days in order. */
  readonly days: ReadonlyMap<string, readonly CallbackWindow[]>;
  /** The day whose windows are shown. */
  readonly activeDay: string;
  /** ISO start of the chosen window. */
  readonly selectedStart: string | null;
  /** The window the booking being changed holds (selectable even when otherwise full). */
  readonly isOwn: (window: CallbackWindow) => boolean;
  readonly tabId: (day: string) => string;
  readonly panelId: string;
  /** Shows `day`; `focus` moves the focus to its tab after rendering (keyboard). */
  readonly onSelectDay: (day: string, focus: boolean) => void;
  readonly onSelectWindow: (window: CallbackWindow) => void;
}


/** Arrow keys, Home and End move between the day tabs (automatic activation, wrapping around). */
function onDaysKeydown(event: KeyboardEvent, days: readonly string[], context: SlotPickerContext): void {
  const index = days.indexOf(context.activeDay);
  const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
  const step = (forward: boolean) => (index + (forward !== rtl ? 1 : -1) + days.length) % days.length;
  let next: number;
  switch (event.key) {
    case 'ArrowRight':
      next = step(true);
      break;
    case 'ArrowLeft':
      next = step(false);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = days.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  context.onSelectDay(days[next]!, true);
}

/** Arrow keys, Home and End move the focus between the window buttons (Tab still visits each of them). */
function onWindowsKeydown(event: KeyboardEvent): void {
  const panel = event.currentTarget as HTMLElement;
  const buttons = [...panel.querySelectorAll<HTMLButtonElement>('button.window')];
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  if (index < 0) return;
  const rtl = getComputedStyle(panel).direction === 'rtl';
  let next: number;
  switch (event.key) {
    case 'ArrowDown':
      next = index + 1;
      break;
    case 'ArrowUp':
      next = index - 1;
      break;
    case 'ArrowRight':
      next = index + (rtl ? -1 : 1);
      break;
    case 'ArrowLeft':
      next = index + (rtl ? 1 : -1);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = buttons.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
}

/**
 * The day tabs (a `tablist` with roving tabindex) and the window buttons of the active day. Every window's accessible
 * name carries the full date and time ("Tuesday 1 December 2026, 14:30–15:00"); full windows stay in the list,
 * `aria-disabled` with the reason in their name.
 */
export function renderSlotPicker(c: SlotPickerContext): TemplateResult {
  const days = [...c.days.keys()];
  const windows = c.days.get(c.activeDay) ?? [];
  return html`<div
      class="days"
      part="days"
      role="tablist"
      aria-label=${c.t('days')}
      @keydown=${(event: KeyboardEvent) => onDaysKeydown(event, days, c)}
    >
      ${days.map((day) => {
        const list = c.days.get(day)!;
        const free = list.filter((w) => isSelectable(w, c.isOwn)).length;
        const selected = day === c.activeDay;
        const sample = list[0]!.start;
        return html`<button
          type="button"
          class="day"
          part=${selected ? 'day day-selected' : 'day'}
          role="tab"
          id=${c.tabId(day)}
          aria-selected=${String(selected)}
          aria-controls=${c.panelId}
          tabindex=${selected ? '0' : '-1'}
          data-day=${day}
          ?data-full=${free === 0}
          @click=${() => c.onSelectDay(day, false)}
        >
          <span class="day-name" aria-hidden="true">${c.fmt.shortDay(sample)}</span>
          <span class="day-free" aria-hidden="true">${c.t('freeShort', free)}</span>
          <span class="visually-hidden">${c.fmt.longDay(sample)}, ${c.t('free', free)}</span>
        </button>`;
      })}
    </div>
    <div
      class="windows"
      part="windows"
      role="tabpanel"
      id=${c.panelId}
      aria-labelledby=${c.tabId(c.activeDay)}
      @keydown=${onWindowsKeydown}
    >
      <ul class="window-list" role="list">
        ${windows.map((window) => {
          const own = c.isOwn(window);
          const selectable = window.available || own;
          const start = window.start.toISOString();
          const pressed = start === c.selectedStart;
          const reason = !selectable ? c.t('full') : own ? c.t('current') : '';
          const tenant = c.fmt.tenant(window);
          const parts = ['window', pressed ? 'window-selected' : '', selectable ? '' : 'window-full', own ? 'window-current' : '']
            .filter(Boolean)
            .join(' ');
          // The name comes from the content: the full date (hidden), the visible time, Berlin's time, the reason.
          return html`<li>
            <button
              type="button"
              class="window"
              part=${parts}
              aria-pressed=${String(pressed)}
              aria-disabled=${selectable ? nothing : 'true'}
              data-start=${start}
              @click=${() => {
                if (selectable) c.onSelectWindow(window);
              }}
            ><span class="visually-hidden">${c.fmt.longDay(window.start)}, </span><span class="window-time">${c.fmt.range(window)}</span>${tenant
                ? html`<span class="window-tenant"> ${tenant}</span>`
                : nothing}${reason
                ? html`<span class="visually-hidden">, </span><span class="window-badge">${reason}</span>`
                : nothing}</button>
          </li>`;
        })}
      </ul>
    </div>`;
}
