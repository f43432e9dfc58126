/**
 * Strings that would run script if a renderer treated them as markup or as a URL. Each payload sets
 * `window.__xss` to its number; a test renders them and checks that `window.__xss` stays undefined and that no
 * element or handler attribute appeared. Used for message texts and for attachment file names.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss=3">click</a>',
  'javascript:window.__xss=4',
  '<svg onload="window.__xss=5"></svg>',
  '"><iframe src="javascript:window.__xss=6"></iframe>',
  'https://example.com/"onmouseover="window.__xss=7',
  '[x](javascript:window.__xss=8) data:text/html,<b>x</b>',
];

/** `undefined` unless a payload ran. */
export const xssRan = (): number | undefined => (window as unknown as { __xss?: number }).__xss;

/** Attribute names starting with `on` on any element under `root` (there should be none). */
export function handlerAttributes(root: ParentNode): string[] {
  const found: string[] = [];
  for (const node of root.querySelectorAll('*')) {
    for (const attr of node.getAttributeNames()) if (/^on/i.test(attr)) found.push(`${node.tagName.toLowerCase()}[${attr}]`);
  }
  return found;
}
