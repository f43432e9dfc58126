/**
 * CSV for downloads: built by a pure function, downloaded through a Blob and an object URL.
 *
 * Cells are quoted when they need it (separator, quote, line break, leading or trailing space) and quotes are doubled
 * (RFC 4180). A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading apostrophe, so `=HYPERLINK(…)` typed into a reason shows as text and never runs (OWASP "CSV
 * injection").
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Field separator. Default `,`; German spreadsheets expect `;`. */
  readonly separator?: ',' | ';' | '\t';
  /** Line ending. Default `\r\n` (RFC 4180). */
  readonly lineEnding?: '\r\n' | '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text, with a formula-looking start neutralised by a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell, neutralised and quoted where needed. `null`/`undefined` become an empty cell. */
export function csvCell(value: CsvCell, separator: string = ','): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  const needsQuotes =
    text.includes(separator) || text.includes('"') || text.includes('\n') || text.includes('\r') || text !== text.trim();
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of `rows` (the first row is usually the header). Pure: no DOM, no I/O. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ',';
  const lineEnding = options.lineEnding ?? '\r\n';
  if (rows.length === 0) return '';
  return rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join(lineEnding) + lineEnding;
}

/**
 * Offers `text` as a file download (see `saveBlob`), with a UTF-8 byte order mark so that spreadsheet programs read
 * umlauts correctly.
 */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(filename, new Blob(['\ufeff', text], { type }));
}

/** Saves `blob` as a file named `name`: an object URL and a temporary `<a download>`; the URL is revoked afterwards. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
