import { addDays, startOfDay } from 'date-fns';
import type { ChatMessage, IsoDay } from './types.js';
import { retentionStart } from './retention.js';
import { DEFAULT_TIME_ZONE, instant, isoDayIn } from './zone.js';
import { inZone } from './zoned.js';

// The text rules live apart from the day rules, which need the zone arithmetic: the chat panel's first load reads
// the length limit without carrying that arithmetic.
export * from './chat-text.js';

/** `true` when a message sent at `sentAt` is inside the 21 days shown and cached at `now` (the boundary is inside). */
export const isChatRetained = (sentAt: Date, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean =>
  sentAt.getTime() >= retentionStart('chat', now, timeZone).getTime();

/** The messages of `messages` still inside the 21 days at `now`, order kept. */
export function retainedChatMessages<M extends Pick<ChatMessage, 'sentAt'>>(
  messages: readonly M[],
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): M[] {
  const start = retentionStart('chat', now, timeZone).getTime();
  return messages.filter((m) => m.sentAt.getTime() >= start);
}

export type RelativeDayName = 'yesterday' | 'today' | 'tomorrow';

/** Whether `at` falls on yesterday, today or tomorrow of `now`, in `timeZone`'s calendar; otherwise `null`. */
export function relativeDayName(at: Date, now: Date, timeZone: string): RelativeDayName | null {
  const day = isoDayIn(at, timeZone);
  const zone = inZone(timeZone);
  const today = startOfDay(now, zone);
  if (day === isoDayIn(today, timeZone)) return 'today';
  if (day === isoDayIn(addDays(today, -1, zone), timeZone)) return 'yesterday';
  if (day === isoDayIn(addDays(today, 1, zone), timeZone)) return 'tomorrow';
  return null;
}

/** A calendar day in a zone, as the instants it spans (end exclusive). */
export interface DaySpan {
  readonly day: IsoDay;
  readonly start: Date;
  readonly end: Date;
}

/** The calendar day of `at` in `timeZone` with its start and end instants (23 or 25 hours on DST days). */
export function daySpan(at: Date, timeZone: string): DaySpan {
  const zone = inZone(timeZone);
  const start = startOfDay(at, zone);
  return { day: isoDayIn(at, timeZone), start: instant(start), end: instant(addDays(start, 1, zone)) };
}

/**
 * Groups messages (in display order) into runs of the same calendar day in `timeZone`. Linear: a day's span is
 * computed once per run, not per message, so 20,000 messages group in a few milliseconds.
 */
export function groupByDay<M>(items: readonly M[], sentAt: (item: M) => Date, timeZone: string): { day: IsoDay; items: M[] }[] {
  const groups: { day: IsoDay; items: M[] }[] = [];
  let span: DaySpan | null = null;
  for (const item of items) {
    const t = sentAt(item).getTime();
    if (!span || t < span.start.getTime() || t >= span.end.getTime()) {
      span = daySpan(sentAt(item), timeZone);
      const last = groups.at(-1);
      if (last?.day === span.day) {
        last.items.push(item);
        continue;
      }
      groups.push({ day: span.day, items: [item] });
    } else groups.at(-1)!.items.push(item);
  }
  return groups;
}
