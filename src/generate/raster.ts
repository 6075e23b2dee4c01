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

  /** Draws text at (x, y) with each font pixel as a scale×scale square; returns the width drawn. */
  text(x: number, y: number, text: string, scale: number, color: [number, number, number]): number {
    const chars = [...drawable(text)];
    const advance = (GLYPH_WIDTH + 1) * scale;
    chars.forEach((ch, i) => {
      const rows = glyph(ch);
      for (let row = 0; row < GLYPH_HEIGHT; row += 1) {
        for (let col = 0; col < GLYPH_WIDTH; col += 1) {
          if (rows[row]![col]) this.fill(x + i * advance + col * scale, y + row * scale, scale, scale, color);
        }
      }
    });
    return chars.length * advance;
  }
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
  canvas.text(margin, 4 * scale, spec.header, scale, [255, 255, 255]);
  let y = headerHeight + margin;
  for (const line of spec.lines) {
    canvas.text(margin, y, line, scale, [30, 30, 30]);
    y += lineHeight;
  }
  canvas.text(margin, y + 2 * phoneScale, spec.phoneLine, phoneScale, [0, 0, 0]);
  return canvas;
}
