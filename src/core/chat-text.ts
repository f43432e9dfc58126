import { CHAT_MESSAGE_MAX_LENGTH, exceedsLimit, isBlank } from './limits.js';

/** The longest chat message (code points); defined with every other limit in `limits.ts`. */
export { CHAT_MESSAGE_MAX_LENGTH };

export type ChatTextProblem = 'empty' | 'too-long';

/**
 * Why `text` cannot be sent, or `null`: blank (only white space or invisible default-ignorable characters such as
 * zero-width spaces), or longer than `maxLength` code points once trimmed. Counted as the backend counts it (see
 * `limits.ts`), so the counter never promises what the server refuses.
 */
export function chatTextProblem(text: string, maxLength: number = CHAT_MESSAGE_MAX_LENGTH): ChatTextProblem | null {
  const trimmed = text.trim();
  if (isBlank(trimmed)) return 'empty';
  return exceedsLimit(trimmed, maxLength) ? 'too-long' : null;
}

/** What is sent for `text`: without leading and trailing white space (inner line breaks stay). */
export const chatTextToSend = (text: string): string => text.trim();
