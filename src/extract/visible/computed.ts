/**
 * Computed visibility, as a renderer decides it: inherited properties (font-size, colour, visibility) flow
 * down and the nearest declaration wins, so a layout that sets `font-size:0` on a table cell to kill
 * whitespace and a real size on the element inside shows that element's text; non-inherited ones
 * (display, opacity, clipping boxes, off-screen positions) hide a whole subtree whatever it declares.
 */
import { backgroundColor, parseColor, sameColor, type Rgba } from './colors.js';

export interface Computed {
  /** Font size in px (0 hides text until a descendant sets a size again). */
  fontSizePx: number;
  /** Text colour, when known. */
  color: Rgba | null;
  /** The colour the text is drawn on: the nearest opaque background; null behind an image (unknown). */
  background: Rgba | null;
  visible: boolean;
}

export const ROOT_STYLE: Computed = {
  fontSizePx: 16,
  color: { r: 0, g: 0, b: 0, a: 1 },
  background: { r: 255, g: 255, b: 255, a: 1 },
  visible: true,
};

/** Below this size (px) nobody reads the text: 1px filler is a hiding trick, not a footnote. */
const MIN_READABLE_PX = 2;
/** Boxes moved further off-screen than this are hidden (`left:-9999px`). */
const OFF_SCREEN_PX = -500;

const KEYWORD_SIZES: Record<string, number> = {
  'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48,
};

/** A CSS length in px; `relativeTo` is the parent's font size (for em and %). Null when unknown. */
export function lengthPx(value: string, relativeTo: number): number | null {
  const v = value.trim().toLowerCase();
  const m = /^(-?\d*\.?\d+)\s*(px|pt|pc|em|rem|ex|ch|%|in|cm|mm|q|vw|vh)?$/.exec(v);
  if (m === null) return null;
  const n = Number.parseFloat(m[1]!);
  switch (m[2]) {
    case undefined:
    case 'px':
      return n;
    case 'pt':
      return (n * 4) / 3;
    case 'pc':
      return n * 16;
    case 'em':
    case 'ch':
      return n * relativeTo;
    case 'ex':
      return (n * relativeTo) / 2;
    case 'rem':
      return n * 16;
    case '%':
      return (n / 100) * relativeTo;
    case 'in':
      return n * 96;
    case 'cm':
      return (n * 96) / 2.54;
    case 'mm':
      return (n * 96) / 25.4;
    case 'q':
      return (n * 96) / 101.6;
    default:
      return n * 10; // vw/vh: a mail viewport is ~1000px; only 0 matters here
  }
}

function fontSize(value: string, parent: number): number | null {
  const v = value.trim().toLowerCase();
  const keyword = KEYWORD_SIZES[v];
  if (keyword !== undefined) return keyword;
  if (v === 'smaller') return parent / 1.2;
  if (v === 'larger') return parent * 1.2;
  if (v === 'inherit') return parent;
  return lengthPx(v, parent);
}

/** `font` shorthand: the size is the token before the family (`bold 0/0 Arial`, `12px/1.4 sans-serif`). */
function fontShorthandSize(value: string, parent: number): number | null {
  for (const token of value.split(/\s+/)) {
    const size = token.split('/')[0]!;
    const px = fontSize(size, parent);
    if (px !== null && /\d/.test(size)) return px;
    if (KEYWORD_SIZES[size.toLowerCase()] !== undefined) return KEYWORD_SIZES[size.toLowerCase()]!;
  }
  return null;
}

function isZero(value: string | undefined): boolean {
  if (value === undefined) return false;
  const px = lengthPx(value, 16);
  return px !== null && px <= 0;
}

function clipsOverflow(style: ReadonlyMap<string, string>): boolean {
  return ['overflow', 'overflow-x', 'overflow-y'].some((p) => /hidden|clip/i.test(style.get(p) ?? ''));
}

/** Whether the element's own box hides everything inside it (non-inherited properties). */
export function hidesSubtree(style: ReadonlyMap<string, string>): boolean {
  if (style.size === 0) return false;
  if (/^none\b/i.test(style.get('display') ?? '')) return true;
  if (/^all\b/i.test(style.get('mso-hide') ?? '')) return true;
  const opacity = style.get('opacity');
  if (opacity !== undefined) {
    const o = Number.parseFloat(opacity) / (opacity.trim().endsWith('%') ? 100 : 1);
    if (Number.isFinite(o) && o <= 0.02) return true;
  }
  const clipped = clipsOverflow(style);
  if (clipped && (isZero(style.get('max-height')) || isZero(style.get('height')) || isZero(style.get('max-width')) || isZero(style.get('width')))) {
    return true;
  }
  if (/^(absolute|fixed)\b/i.test(style.get('position') ?? '')) {
    for (const side of ['left', 'top', 'right']) {
      const px = lengthPx(style.get(side) ?? '', 16);
      if (px !== null && px <= OFF_SCREEN_PX) return true;
    }
  }
  const indent = lengthPx(style.get('text-indent') ?? '', 16);
  if (indent !== null && indent <= OFF_SCREEN_PX) return true;
  if (/scale\(\s*0(?:\.0+)?\s*[,)]/i.test(style.get('transform') ?? '')) return true;
  if (/rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)/i.test(style.get('clip') ?? '') && /absolute|fixed/i.test(style.get('position') ?? '')) return true;
  return false;
}

/** The element's computed style from its parent's and its own declared values. */
export function computeStyle(parent: Computed, style: ReadonlyMap<string, string>): Computed {
  if (style.size === 0) return parent; // nothing declared: everything inherited, nothing reset
  let fontSizePx = parent.fontSizePx;
  const declaredSize = style.get('font-size');
  const shorthand = style.get('font');
  const size = declaredSize !== undefined ? fontSize(declaredSize, parent.fontSizePx) : shorthand !== undefined ? fontShorthandSize(shorthand, parent.fontSizePx) : null;
  if (size !== null) fontSizePx = Math.max(0, size);

  let visible = parent.visible;
  const visibility = style.get('visibility')?.trim().toLowerCase();
  if (visibility === 'hidden' || visibility === 'collapse') visible = false;
  else if (visibility === 'visible') visible = true;

  let color = parent.color;
  const declaredColor = style.get('color');
  if (declaredColor !== undefined) {
    const c = parseColor(declaredColor);
    // An unknown colour value is unknown, not the parent's: never call text hidden on a guess.
    color = c;
  }

  let background = parent.background;
  const bg = style.get('background-color') ?? style.get('background');
  if (/url\(|gradient\(/i.test(style.get('background-image') ?? '')) background = null;
  else if (bg !== undefined) {
    const parsed = style.has('background-color') ? parseColor(bg) : backgroundColor(bg);
    if (parsed === 'image') background = null;
    else if (parsed !== null && parsed.a >= 0.95) background = parsed;
    // A translucent or unknown background keeps the one behind it.
  }
  return { fontSizePx, color, background, visible };
}

/** Whether text drawn with this style can be read. */
export function textIsVisible(style: Computed): boolean {
  if (!style.visible || style.fontSizePx < MIN_READABLE_PX) return false;
  if (style.color !== null && style.color.a <= 0.05) return false;
  if (style.color !== null && style.background !== null && sameColor(style.color, style.background)) return false;
  return true;
}
