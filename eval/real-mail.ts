/**
 * Shared by `npm run eval:real-sample` and `npm run bench:classify`: reads .eml files into the classifier's
 * input with mailparser and the extraction's visible-text renderer (the extraction module does this for real; this is a standalone
 * reader so the classifier can be measured on its own). PDF attachments are read with unpdf; images are not
 * OCR'd here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToVisibleText } from '../src/extract/html.js';
import { simpleParser, type AddressObject } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import type { ClassifyInput } from '../src/classify/index.js';

export const REAL_SAMPLE_DIR = process.env.CALLHOUND_REAL_SAMPLE ?? new URL('../../shared/real-sample/', import.meta.url).pathname;

export interface RealMessage {
  file: string;
  input: ClassifyInput;
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { name: string | null; address: string | null } {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  const a = list[0]?.value[0];
  return { name: a?.name || null, address: a?.address || null };
}

async function attachmentText(parsed: Awaited<ReturnType<typeof simpleParser>>): Promise<string> {
  const parts: string[] = [];
  for (const a of parsed.attachments) {
    try {
      if (a.contentType === 'application/pdf' || /\.pdf$/i.test(a.filename ?? '')) {
        const pdf = await getDocumentProxy(new Uint8Array(a.content));
        const { text } = await extractText(pdf, { mergePages: true });
        parts.push(text);
      } else if (a.contentType === 'text/html') {
        parts.push(htmlToVisibleText(a.content.toString('utf8')).text);
      } else if (a.contentType.startsWith('text/')) {
        parts.push(a.content.toString('utf8'));
      }
    } catch {
      // An unreadable attachment just contributes no text here.
    }
  }
  return parts.join('\n');
}

export async function readRealMessage(path: string): Promise<ClassifyInput> {
  const parsed = await simpleParser(readFileSync(path));
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const body = html ? htmlToVisibleText(html).text : (parsed.text ?? '');
  const from = firstAddress(parsed.from);
  const lang = typeof parsed.headers.get('content-language') === 'string' ? (parsed.headers.get('content-language') as string) : null;
  return {
    subject: parsed.subject ?? '',
    body,
    attachmentText: await attachmentText(parsed),
    fromName: from.name,
    fromAddress: from.address,
    lang,
  };
}

export function realSampleFiles(dir = REAL_SAMPLE_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export async function readRealSample(dir = REAL_SAMPLE_DIR): Promise<RealMessage[]> {
  const out: RealMessage[] = [];
  for (const file of realSampleFiles(dir)) out.push({ file, input: await readRealMessage(file) });
  return out;
}
