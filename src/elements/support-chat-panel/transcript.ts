import { isoDayIn } from '../../core/zone.js';
import { formatDate, formatFileSize } from '../../internal/format.js';

/** One line of the transcript: a confirmed message, or one of the user's that is not sent yet. */
export interface TranscriptEntry {
  readonly at: Date;
  readonly author: 'customer' | 'support';
  /** The support employee's name (empty: "Support"). */
  readonly authorName: string;
  readonly text: string;
  readonly attachments: readonly { readonly name: string; readonly size: number }[];
  /** Still in the outbox. */
  readonly pending: boolean;
}

export interface TranscriptLabels {
  readonly title: string;
  readonly zone: (zone: string) => string;
  readonly created: (when: string) => string;
  readonly retention: string;
  readonly empty: string;
  readonly you: string;
  readonly support: string;
  readonly notSent: string;
  readonly attachment: (name: string, size: string) => string;
}

export interface TranscriptOptions {
  /** The zone every date and time is written in (the tenant's). */
  readonly timeZone: string;
  readonly locale: string;
  /** When the transcript is made (its header and file name). */
  readonly now: Date;
  readonly labels: TranscriptLabels;
}

/**
 * The chat as plain text (UTF-8 once saved), for the transcript download: a header with the zone the times are in,
 * then per day (in that zone) a heading and each message as `HH:mm  Sender: text`, continuation lines and attachment
 * names indented below it. Texts and file names are copied as they are (control characters in file names become spaces): the file is
 * text, never markup. Pure.
 */
export function chatTranscript(entries: readonly TranscriptEntry[], options: TranscriptOptions): string {
  const { timeZone, locale, now, labels } = options;
  const lines = [labels.title, labels.zone(timeZone), labels.created(formatDate(now, locale, timeZone, 'date-time')), labels.retention];
  if (entries.length === 0) lines.push('', labels.empty);
  let day = '';
  for (const entry of entries) {
    const entryDay = isoDayIn(entry.at, timeZone);
    if (entryDay !== day) {
      day = entryDay;
      lines.push('', `— ${formatDate(entry.at, locale, timeZone, 'long-date')} —`, '');
    }
    const time = formatDate(entry.at, locale, timeZone, 'time');
    const sender =
      entry.author === 'customer' ? labels.you : entry.authorName ? `${entry.authorName} (${labels.support})` : labels.support;
    const indent = ' '.repeat(time.length + 2);
    const [first = '', ...rest] = entry.text.split(/\r\n|\r|\n/);
    lines.push(`${time}  ${sender}${entry.pending ? ` (${labels.notSent})` : ''}: ${first}`);
    for (const line of rest) lines.push(indent + line);
    for (const file of entry.attachments) {
      // A line break in a file name must not forge a line of the transcript.
      const name = file.name.replace(/\p{Cc}/gu, ' ');
      lines.push(indent + labels.attachment(name, formatFileSize(file.size, locale)));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The file name of a transcript made at `now`: `support-chat-2026-11-25.txt` (the day in `timeZone`). */
export const transcriptFileName = (now: Date, timeZone: string): string => `support-chat-${isoDayIn(now, timeZone)}.txt`;
