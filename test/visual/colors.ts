/** Colour arithmetic for the visual tests: any CSS colour to sRGB, alpha compositing, WCAG contrast. */

export type Rgba = readonly [number, number, number, number];

const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

/** Any computed CSS colour (rgb(), color(srgb …), color-mix results, system colours) as 8-bit sRGB and alpha 0–1. */
export function parseColor(value: string): Rgba {
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = '#000';
  ctx.fillStyle = value;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

/** `top` drawn over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The parent in the flat tree (slot, shadow host), or null at the top. */
export function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour an element's background shows: its own and its ancestors' backgrounds over the page's canvas. */
export function effectiveBackground(el: Element, canvasColor: Rgba = [255, 255, 255, 1]): Rgba {
  const chain: Element[] = [];
  for (let node: Element | null = el; node; node = flatParent(node)) chain.push(node);
  let color = canvasColor;
  for (const node of chain.reverse()) color = over(parseColor(getComputedStyle(node).backgroundColor), color);
  return color;
}

export const hex = ([r, g, b]: Rgba) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
