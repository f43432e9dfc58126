/**
 * Typed translations. Each element keeps its strings next to it (`*.i18n.ts`) as `{ en, de }`; the type makes a
 * missing German key a compile error and `test/i18n.test.ts` checks the runtime tables too.
 */
export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Translations<T extends Messages> {
  readonly en: T;
  readonly de: { readonly [K in keyof T]: T[K] };
}

export const defineTranslations = <T extends Messages>(t: Translations<T>): Translations<T> => t;

/** `de`, `de-AT`, `de-CH` → `de`; everything else → `en`. */
export function toLanguage(lang: string | null | undefined): Language {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

/** The BCP 47 locale to format with: the element's full `lang` when it matches its language (`de-CH`), else the language. */
export function toLocale(lang: string | null | undefined): string {
  const language = toLanguage(lang);
  const matches = !!lang && /^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(lang) && lang.slice(0, 2).toLowerCase() === language;
  return matches ? lang! : language;
}
