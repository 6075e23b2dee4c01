/**
 * Text of a PDF with pdf.js (through unpdf), JavaScript in the PDF never evaluated. Runs inside a worker
 * process so the caller's time limit can really stop it. On request, the PDF's large embedded images are
 * handed back as pixels for OCR: scans have no text layer at all, and scam PDFs often show their lure (and
 * phone number) as a picture over a text layer of filler meant to fool filters.
 */
import { extractImages, getDocumentProxy } from 'unpdf';

export interface PdfTextResult {
  text: string;
  pages: number;
  pagesRead: number;
  /** The text layer is (nearly) empty: a scan, or a picture of text. */
  scanned: boolean;
  /** Large embedded images (when asked for), for OCR. */
  images: { width: number; height: number; channels: number; data: Uint8ClampedArray }[];
}

/** The fields of a pdf.js text item that placement needs. */
interface PlacedText {
  str: string;
  hasEOL: boolean;
  width: number;
  height: number;
  /** [a, b, c, d, x, y]: the item's text matrix; x and y place it on the page. */
  transform: number[];
}

/**
 * Page text from positioned items: a new line when the baseline moves, a space only where the gap between
 * two items is wider than a thin space. Some PDF generators place every glyph (or every digit group) as its
 * own item; joining them blindly with spaces would turn "713-4598" into "7 1 3 - 4 5 9 8".
 */
export function joinTextItems(items: PlacedText[]): string {
  let text = '';
  let previous: { endX: number; y: number; height: number } | null = null;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const height = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || 10;
    if (previous && item.str) {
      const sameLine = Math.abs(y - previous.y) < Math.max(height, previous.height) * 0.5;
      if (!sameLine) {
        if (!text.endsWith('\n')) text += '\n';
      } else if (x - previous.endX > height * 0.15 && !text.endsWith(' ') && !text.endsWith('\n')) {
        text += ' ';
      }
    }
    text += item.str;
    if (item.hasEOL && !text.endsWith('\n')) text += '\n';
    if (item.str) previous = { endX: x + item.width, y, height };
  }
  return text.trim();
}

/** Fewer visible characters than this per page means the words are pictures, not text. */
const SCANNED_CHARS_PER_PAGE = 20;
/** Images OCR'd per PDF, and the smallest worth reading (logos and icons are smaller). */
const MAX_IMAGES = 6;
const MIN_IMAGE_PIXELS = 300 * 100;

export async function pdfText(
  data: Uint8Array,
  options: { maxPages: number; maxPixels: number; collectImages: boolean },
): Promise<PdfTextResult> {
  // pdf.js refuses Node Buffers (and detaches what it is given): hand it a plain copy.
  const pdf = await getDocumentProxy(new Uint8Array(data), {
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
  });
  try {
    const pagesRead = Math.min(pdf.numPages, options.maxPages);
    const pageTexts: string[] = [];
    for (let pageNumber = 1; pageNumber <= pagesRead; pageNumber += 1) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const placed: PlacedText[] = [];
      for (const item of content.items) {
        if ('str' in item) {
          placed.push({ str: item.str, hasEOL: item.hasEOL, width: item.width, height: item.height, transform: item.transform as number[] });
        }
      }
      pageTexts.push(joinTextItems(placed));
      page.cleanup();
    }
    const text = pageTexts.join('\n\n');
    const visible = text.replace(/\s+/g, '').length;
    const scanned = visible < SCANNED_CHARS_PER_PAGE * Math.max(1, pagesRead);
    const images: PdfTextResult['images'] = [];
    for (let pageNumber = 1; options.collectImages && pageNumber <= pagesRead && images.length < MAX_IMAGES; pageNumber += 1) {
      for (const image of await extractImages(pdf, pageNumber)) {
        const pixels = image.width * image.height;
        if (pixels < MIN_IMAGE_PIXELS || pixels > options.maxPixels) continue;
        images.push({ width: image.width, height: image.height, channels: image.channels, data: image.data });
        if (images.length >= MAX_IMAGES) break;
      }
    }
    return { text, pages: pdf.numPages, pagesRead, scanned, images };
  } finally {
    await pdf.destroy();
  }
}
