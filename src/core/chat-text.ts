/** The longest chat message the reference contract accepts (UTF-16 code units, as `String#length` counts). */
export const CHAT_MESSAGE_MAX_LENGTH = 4000;

export type ChatTextProblem = 'empty' | 'too-long';

/**
 * Why `text` cannot be sent, or `null`: empty or white space only, or longer than `maxLength` once trimmed. Length is
 * counted like the backend counts it (`String#length`), so the counter never promises what the server refuses.
 */
export function chatTextProblem(text: string, maxLength: number = CHAT_MESSAGE_MAX_LENGTH): ChatTextProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  return trimmed.length > maxLength ? 'too-long' : null;
}

/** What is sent for `text`: without leading and trailing white space (inner line breaks stay). */
export const chatTextToSend = (text: string): string => text.trim();
