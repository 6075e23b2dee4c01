import { GLYPH_HEIGHT, GLYPH_WIDTH, drawable, glyph } from './font.js';

/** An RGBA canvas with just what lure images need: filled rectangles and bitmap text. */
export class Canvas {
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: [number, number, number] = [255, 255, 255],
  ) {
    this.data = Buffer.alloc(width * height * 4);
    this.fill(0, 0, width, height, background);
  }

  fill(x: number, y: number, w: number, h: number, [r, g, b]: [number, number, number]): void {
    const x1 = Math.min(this.width, x + w);
    const y1 = Math.min(this.height, y + h);
    for (let yy = Math.max(0, y); yy < y1; yy += 1) {
      for (let xx = Math.max(0, x); xx < x1; xx += 1) {
        const o = (yy * this.width + xx) * 4;
        this.data[o] = r;
        this.data[o + 1] = g;
        this.data[o + 2] = b;
        this.data[o + 3] = 255;
      }
    }
  }

  /** Draws text at (x, y), the font's pixels joined into thick strokes; returns the width drawn. */
  text(x: number, y: number, text: string, scale: number, color: [number, number, number]): number {
    const chars = [...drawable(text)];
    const advance = (GLYPH_WIDTH + 1) * scale;
    chars.forEach((ch, i) => {
      const mask = strokeMask(ch, scale);
      const w = GLYPH_WIDTH * scale;
      for (let yy = 0; yy < GLYPH_HEIGHT * scale; yy += 1) {
        for (let xx = 0; xx < w; xx += 1) {
          if (mask[yy * w + xx]) this.fill(x + i * advance + xx, y + yy, 1, 1, color);
        }
      }
    });
    return chars.length * advance;
  }
}

const MASKS = new Map<string, Uint8Array>();

/**
 * The glyph as strokes rather than square dots: neighbouring ink pixels are joined by thick segments, so
 * the text looks like a simple line font (OCR reads it far better than blocky pixel art).
 */
function strokeMask(ch: string, scale: number): Uint8Array {
  const key = `${ch}|${scale}`;
  const cached = MASKS.get(key);
  if (cached) return cached;
  const rows = glyph(ch);
  const on = (r: number, c: number): boolean => r >= 0 && r < GLYPH_HEIGHT && c >= 0 && c < GLYPH_WIDTH && rows[r]![c] === true;
  const segments: Array<[number, number, number, number]> = [];
  for (let r = 0; r < GLYPH_HEIGHT; r += 1) {
    for (let c = 0; c < GLYPH_WIDTH; c += 1) {
      if (!on(r, c)) continue;
      segments.push([c, r, c, r]);
      if (on(r, c + 1)) segments.push([c, r, c + 1, r]);
      if (on(r + 1, c)) segments.push([c, r, c, r + 1]);
      // Diagonals only where no orthogonal path exists, so corners stay crisp.
      if (on(r + 1, c + 1) && !on(r, c + 1) && !on(r + 1, c)) segments.push([c, r, c + 1, r + 1]);
      if (on(r + 1, c - 1) && !on(r, c - 1) && !on(r + 1, c)) segments.push([c, r, c - 1, r + 1]);
    }
  }
  const w = GLYPH_WIDTH * scale;
  const h = GLYPH_HEIGHT * scale;
  const mask = new Uint8Array(w * h);
  const radius = 0.45;
  for (let py = 0; py < h; py += 1) {
    for (let px = 0; px < w; px += 1) {
      const gx = (px + 0.5) / scale - 0.5;
      const gy = (py + 0.5) / scale - 0.5;
      for (const [x1, y1, x2, y2] of segments) {
        if (distanceToSegment(gx, gy, x1, y1, x2, y2) <= radius) {
          mask[py * w + px] = 1;
          break;
        }
      }
    }
  }
  MASKS.set(key, mask);
  return mask;
}

function distanceToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
  const cx = x1 + t * dx;
  const cy = y1 + t * dy;
  return Math.hypot(px - cx, py - cy);
}

export function textWidth(text: string, scale: number): number {
  return [...drawable(text)].length * (GLYPH_WIDTH + 1) * scale;
}

export interface ImageLines {
  header: string;
  lines: string[];
  /** The line carrying the number, drawn larger. */
  phoneLine: string;
  accent: [number, number, number];
}

/** Renders a lure card: a coloured header bar with the brand, text lines and a big phone line. */
export function renderLureCard(spec: ImageLines): Canvas {
  const scale = 4;
  const phoneScale = 6;
  const margin = 40;
  const lineHeight = (GLYPH_HEIGHT + 5) * scale;
  const widest = Math.max(
    textWidth(spec.header, scale),
    ...spec.lines.map((l) => textWidth(l, scale)),
    textWidth(spec.phoneLine, phoneScale),
  );
  const width = Math.min(2400, widest + margin * 2);
  const headerHeight = (GLYPH_HEIGHT + 8) * scale;
  const height = headerHeight + margin + spec.lines.length * lineHeight + (GLYPH_HEIGHT + 6) * phoneScale + margin;
  const canvas = new Canvas(width, height);
  canvas.fill(0, 0, width, headerHeight, spec.accent);
  const [r, g, b] = spec.accent;
  // White on dark brand colours, black on light ones (Norton's yellow), so the header stays legible.
  const headerInk: [number, number, number] = 0.299 * r + 0.587 * g + 0.114 * b > 150 ? [0, 0, 0] : [255, 255, 255];
  canvas.text(margin, 4 * scale, spec.header, scale, headerInk);
  let y = headerHeight + margin;
  for (const line of spec.lines) {
    canvas.text(margin, y, line, scale, [30, 30, 30]);
    y += lineHeight;
  }
  canvas.text(margin, y + 2 * phoneScale, spec.phoneLine, phoneScale, [0, 0, 0]);
  return canvas;
}
