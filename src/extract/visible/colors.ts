/**
 * CSS colours as RGBA, enough to tell text written in its background's colour (a filter-evasion trick:
 * white filler on a white page). Unknown syntax gives null, which callers treat as "cannot tell": visible.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0 (transparent) … 1 (opaque). */
  a: number;
}

/** Named colours a mail layout uses for text and backgrounds; the rest of CSS's list is never a disguise. */
const NAMED: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00',
  gray: '#808080', grey: '#808080', silver: '#c0c0c0', navy: '#000080', maroon: '#800000', purple: '#800080',
  teal: '#008080', olive: '#808000', lime: '#00ff00', aqua: '#00ffff', cyan: '#00ffff', fuchsia: '#ff00ff',
  magenta: '#ff00ff', orange: '#ffa500', snow: '#fffafa', ivory: '#fffff0', whitesmoke: '#f5f5f5',
  ghostwhite: '#f8f8ff', floralwhite: '#fffaf0', mintcream: '#f5fffa', azure: '#f0ffff', aliceblue: '#f0f8ff',
  seashell: '#fff5ee', linen: '#faf0e6', lavenderblush: '#fff0f5', honeydew: '#f0fff0', beige: '#f5f5dc',
  oldlace: '#fdf5e6', gainsboro: '#dcdcdc', lightgray: '#d3d3d3', lightgrey: '#d3d3d3', darkgray: '#a9a9a9',
  darkgrey: '#a9a9a9', dimgray: '#696969', dimgrey: '#696969',
};

function hex(value: string): Rgba | null {
  const h = value.slice(1);
  if (!/^[0-9a-f]+$/i.test(h)) return null;
  if (h.length === 3 || h.length === 4) {
    const [r, g, b, a] = [...h].map((c) => parseInt(c + c, 16));
    return { r: r!, g: g!, b: b!, a: a === undefined ? 1 : a / 255 };
  }
  if (h.length === 6 || h.length === 8) {
    const n = (i: number): number => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  return null;
}

function channel(text: string, max: number): number | null {
  const t = text.trim();
  const n = Number.parseFloat(t);
  if (!Number.isFinite(n)) return null;
  return t.endsWith('%') ? (n / 100) * max : n;
}

function functional(value: string): Rgba | null {
  const m = /^(rgba?|hsla?)\(([^)]*)\)$/.exec(value);
  if (m === null) return null;
  const parts = m[2]!.split(/[\s,/]+/).filter((p) => p !== '');
  if (parts.length < 3) return null;
  const alpha = parts[3] === undefined ? 1 : channel(parts[3], 1);
  if (alpha === null) return null;
  if (m[1]!.startsWith('rgb')) {
    const [r, g, b] = parts.slice(0, 3).map((p) => channel(p, 255));
    if (r == null || g == null || b == null) return null;
    return { r, g, b, a: alpha };
  }
  const h = Number.parseFloat(parts[0]!);
  const s = channel(parts[1]!, 1);
  const l = channel(parts[2]!, 1);
  if (!Number.isFinite(h) || s === null || l === null) return null;
  // HSL to RGB (CSS Color 4, section 7.1).
  const f = (k: number): number => {
    const kk = (k + h / 30) % 12;
    return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(kk - 3, 9 - kk, 1)));
  };
  return { r: f(0), g: f(8), b: f(4), a: alpha };
}

/** Parses one CSS colour value (`#fff`, `rgb(255 255 255)`, `white`, `transparent`); null when unknown. */
export function parseColor(value: string): Rgba | null {
  const v = value.trim().toLowerCase().replace(/\s*!important$/, '');
  if (v === '') return null;
  if (v === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (v.startsWith('#')) return hex(v);
  const named = NAMED[v];
  if (named !== undefined) return hex(named);
  return functional(v);
}

/** A colour token inside a `background` shorthand (`#fff url(x.png) no-repeat`); null when none or an image. */
export function backgroundColor(shorthand: string): Rgba | null | 'image' {
  const v = shorthand.toLowerCase();
  if (/url\(|gradient\(/.test(v)) return 'image';
  for (const token of v.match(/#[0-9a-f]{3,8}\b|(?:rgba?|hsla?)\([^)]*\)|\b[a-z]+\b/g) ?? []) {
    const c = parseColor(token);
    if (c !== null) return c;
  }
  return null;
}

/** Text is unreadable on its background when the two are this close (0…441 in RGB space). */
const SAME_COLOR_DISTANCE = 12;

export function sameColor(a: Rgba, b: Rgba): boolean {
  const d = Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b);
  return d <= SAME_COLOR_DISTANCE;
}
