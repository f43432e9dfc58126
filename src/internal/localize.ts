/**
 * Typed translations. Each element keeps its English strings next to it (`<tag>.i18n.ts`) and its German ones in a
 * module of their own (`<tag>.de.ts`) that is loaded on demand with `import()`, so a page in English never downloads
 * them. The German table is typed from the English one (`Localized<En>`): a missing or extra German key is a compile
 * error, and `test/i18n.test.ts` checks the runtime tables too.
 */
export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The languages whose tables load on demand (English is always there). */
export type LazyLanguage = Exclude<Language, 'en'>;

/** A translation of the English table `T`: the same keys, the same message types. */
export type Localized<T extends Messages> = { readonly [K in keyof T]: T[K] };

/** Loads a translation on demand: `() => import('./my-element.de.js').then((m) => m.de)`. */
export type Loader<T extends Messages> = () => Promise<Localized<T>>;

export type Translations<T extends Messages> = { readonly en: T } & { readonly [L in LazyLanguage]: Loader<T> };

export const defineTranslations = <T extends Messages>(t: Translations<T>): Translations<T> => t;

// ------------------------------------------------------------------------------------------- on-demand tables
interface Entry {
  promise: Promise<Messages | undefined>;
  table?: Messages;
  failed?: boolean;
}

/** Loaded (or loading, or failed) tables per translation and language; shared by every element on the page. */
const loaded = new WeakMap<Translations<Messages>, Map<LazyLanguage, Entry>>();
let warned = false;

const entryOf = (table: Translations<Messages>, language: Language): Entry | undefined =>
  language === 'en' ? undefined : loaded.get(table)?.get(language);

/** The table for `language` if it is at hand (English always is), else `undefined`. Never loads. */
export function tableFor<T extends Messages>(table: Translations<T>, language: Language): Localized<T> | undefined {
  if (language === 'en') return table.en;
  return entryOf(table as Translations<Messages>, language)?.table as Localized<T> | undefined;
}

/** `true` when the last attempt to load `language` for `table` failed (and no new attempt was started). */
export function loadFailed(table: Translations<Messages>, language: Language): boolean {
  return !!entryOf(table, language)?.failed;
}

/**
 * Loads the table for `language` once (the promise is memoised per table and language). Never rejects: a failed
 * load (say, the chunk could not be fetched) resolves to `undefined`, warns (once per page), and stays failed — callers render
 * English — until `loadLanguage` is called again with `retry: true`.
 */
export function loadLanguage<T extends Messages>(
  table: Translations<T>,
  language: Language,
  options: { retry?: boolean } = {},
): Promise<Localized<T> | undefined> {
  if (language === 'en') return Promise.resolve(table.en);
  const key = table as Translations<Messages>;
  let entries = loaded.get(key);
  if (!entries) loaded.set(key, (entries = new Map()));
  const known = entries.get(language);
  if (known && !(known.failed && options.retry)) return known.promise as Promise<Localized<T> | undefined>;
  const entry: Entry = {
    promise: Promise.resolve()
      .then(() => key[language]())
      .then(
        (messages) => {
          entry.table = messages;
          return messages;
        },
        (error: unknown) => {
          entry.failed = true;
          if (warned) return undefined;
          warned = true;
          console.warn(`support-widgets: could not load the "${language}" strings, showing English instead.`, error);
          return undefined;
        },
      ),
  };
  entries.set(language, entry);
  return entry.promise as Promise<Localized<T> | undefined>;
}

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
