/**
 * fast-check generators of hostile input for extraction: raw bytes, MIME trees (any nesting, types, charsets,
 * transfer encodings, boundaries that collide or never close, cut at any byte), attachment bytes that start
 * like a real format and then go wrong, and text for the phone finder. Shared by the property tests and
 * `npm run fuzz:report`. Run counts: `fuzzRuns(n)` is n in `npm test`, 50 × n under CALLHOUND_SOAK=1.
 */
import fc from 'fast-check';

export const SOAK = process.env.CALLHOUND_SOAK === '1';
/** Fixed seed so that `npm test` is reproducible; CALLHOUND_FUZZ_SEED explores other corners. */
export const FUZZ_SEED = Number(process.env.CALLHOUND_FUZZ_SEED ?? 20_260_309);

export function fuzzRuns(base: number): number {
  return SOAK ? base * 50 : base;
}

const CRLF = '\r\n';
export const MARKER_TEXT = 'Call support now: +1 888-555-0123';

/** Strings with the characters that break parsers: controls, NUL, CR/LF, quotes, MIME and Cypher syntax, astral. */
export const nastyString = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength, unit: 'binary' }),
    fc.string({ maxLength, unit: fc.constantFrom('\0', '\r', '\n', '\t', '\x1b', '\x9b', '"', "'", ';', '=', '?', '-', ':', '<', '>', '\\', '{', '}', 'a', '1', '+', ' ', '\ufffd', '\u202e', '😀') }),
    fc.constantFrom('=?utf-8?B?' + Buffer.from('\x1b[2J').toString('base64') + '?=', '=?x-bad?Q?=FF=00?=', '=?utf-8?B?!!!?=', "x'}) MATCH (n) DETACH DELETE n //"),
  );

/**
 * Header values longer than the loader's index bounds (src/graph/bounded.ts: 253 to 2000 characters) and
 * than Neo4j's index key size (about 8 kB): runs of words, of one letter, of astral or accented characters.
 */
export const longHeaderValue: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('word ', 'x', '😀', 'Ünï ', 'a.b-', '請'), fc.integer({ min: 200, max: 12_000 }))
  .map(([unit, chars]) => unit.repeat(Math.ceil(chars / unit.length)));

const CONTENT_TYPES = ['text/plain', 'text/html', 'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/heic', 'application/zip',
  'application/octet-stream', 'message/rfc822', 'text/x-weird', 'garbage', '', 'multipart/mixed'];
const CHARSETS = ['utf-8', 'iso-8859-1', 'windows-1252', 'utf-7', 'utf-16', 'x-unknown-charset', '', '"', 'shift_jis', 'gb18030'];
const ENCODINGS = ['7bit', '8bit', 'binary', 'base64', 'quoted-printable', 'x-uuencode', 'bogus', ''];

/** Bytes that begin like a real format (so the fuzzer reaches each decoder) and then hold anything. */
const MAGIC = ['%PDF-1.7\n', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR', '\xff\xd8\xff\xe0', 'GIF89a', 'PK\x03\x04', '\0\0\0\x18ftypheic', 'RIFF\0\0\0\0WEBPVP8 ',
  'II*\0', '<html><body>', '<?xml version="1.0"?>', ''];

export const attachmentBytes: fc.Arbitrary<Buffer> = fc
  .tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 2048 }))
  .map(([magic, rest]) => Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.from(rest)]));

type MimeNode =
  | { kind: 'leaf'; type: string; charset: string; encoding: string; filename: string | null; body: Buffer }
  | { kind: 'multipart'; subtype: string; boundary: string; children: MimeNode[]; close: boolean; preamble: string };

const boundaryArb = fc.oneof(fc.constantFrom('b', 'x', '--', 'a b', '=_1', ''), fc.string({ minLength: 1, maxLength: 80, unit: fc.constantFrom('a', 'B', '0', '-', '=', '_', ' ', '"', "'") }));

const leafArb: fc.Arbitrary<MimeNode> = fc.record({
  kind: fc.constant('leaf' as const),
  type: fc.constantFrom(...CONTENT_TYPES),
  charset: fc.constantFrom(...CHARSETS),
  encoding: fc.constantFrom(...ENCODINGS),
  filename: fc.option(nastyString(60), { nil: null }),
  body: fc.oneof(attachmentBytes, nastyString(400).map((s) => Buffer.from(s, 'utf8')), fc.constant(Buffer.from(MARKER_TEXT))),
});

const { tree } = fc.letrec<{ tree: MimeNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({
      kind: fc.constant('multipart' as const),
      subtype: fc.constantFrom('mixed', 'alternative', 'related', 'x-weird'),
      boundary: boundaryArb,
      children: fc.array(tie('tree'), { maxLength: 4 }),
      close: fc.boolean(),
      preamble: nastyString(40),
    }),
  ),
}));

function encodeBody(body: Buffer, encoding: string): string {
  if (encoding === 'base64') return (body.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
  if (encoding === 'quoted-printable') return body.toString('latin1').replace(/[=\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return body.toString('latin1');
}

function render(node: MimeNode): string {
  if (node.kind === 'leaf') {
    const head = [
      `Content-Type: ${node.type}${node.charset ? `; charset=${node.charset}` : ''}${node.filename === null ? '' : `; name="${node.filename}"`}`,
      ...(node.encoding ? [`Content-Transfer-Encoding: ${node.encoding}`] : []),
      ...(node.filename === null ? [] : [`Content-Disposition: attachment; filename="${node.filename}"`]),
    ];
    return [...head, '', encodeBody(node.body, node.encoding)].join(CRLF);
  }
  const parts = node.children.map((child) => `--${node.boundary}${CRLF}${render(child)}`);
  return [`Content-Type: multipart/${node.subtype}; boundary="${node.boundary}"`, '', node.preamble, ...parts, node.close ? `--${node.boundary}--` : ''].join(CRLF);
}

/** A whole message: arbitrary top headers, a MIME tree, then maybe cut at any byte or with bytes flipped. */
export const mimeMessage: fc.Arbitrary<Buffer> = fc
  .record({
    subject: fc.option(fc.oneof(nastyString(120), longHeaderValue), { nil: null }),
    from: fc.option(fc.oneof(nastyString(80), longHeaderValue.map((v) => `"${v.slice(0, 300)}" <billing@${v.replace(/\s/g, '')}.example>`)), { nil: null }),
    messageId: fc.option(fc.oneof(nastyString(60), longHeaderValue.map((v) => `<${v.replace(/\s/g, '')}@hostile.example>`)), { nil: null }),
    date: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), nastyString(40)), { nil: null }),
    extra: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom('X', '-', 'a', ':', ' ') }), nastyString(80)), { maxLength: 6 }),
    body: tree,
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
  })
  .map(({ subject, from, messageId, date, extra, body, cut, flips }) => {
    const head = [
      ...(from === null ? [] : [`From: ${from}`]),
      ...(subject === null ? [] : [`Subject: ${subject}`]),
      ...(messageId === null ? [] : [`Message-ID: ${messageId}`]),
      ...(date === null ? [] : [`Date: ${date}`]),
      ...extra.map(([name, value]) => `${name}: ${value}`),
      'MIME-Version: 1.0',
    ];
    let raw = Buffer.from(`${head.join(CRLF)}${CRLF}${render(body)}${CRLF}`, 'latin1');
    if (cut !== null) raw = raw.subarray(0, Math.floor(raw.length * cut));
    for (const [where, value] of flips) if (raw.length > 0) raw[Math.min(raw.length - 1, Math.floor(where * raw.length))] = value;
    return raw;
  });

/** Text for the phone finder: digits, separators, disguises, decoys and arbitrary Unicode mixed. */
export const phoneishText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 2000, unit: 'grapheme' }),
  fc.string({ maxLength: 3000, unit: fc.constantFrom('0', '1', '5', '8', '9', ' ', '-', '.', '(', ')', '+', '/', 'O', 'l', '\u200b', '１', '٣', '\n', 'call', 'tel:', 'x', '€') }),
  fc.array(fc.oneof(fc.constant(MARKER_TEXT), fc.string({ maxLength: 40 }), fc.stringMatching(/^\+?\d{1,4}[ .-]?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}$/)), { maxLength: 40 }).map((parts) => parts.join(' ')),
);
