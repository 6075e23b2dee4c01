/**
 * Streams the messages of an mbox file one at a time (never the whole file in memory).
 * A message starts at a `From ` line at the start of the file or after an empty line; `>From ` lines are
 * unescaped the mboxrd way (one `>` removed from `>+From `), which is also right for mboxo files.
 */
import { createReadStream } from 'node:fs';

export interface MboxMessage {
  /** 1-based position in the file. */
  index: number;
  raw: Buffer;
  /** Bytes dropped because the message exceeded the size cap. */
  truncatedBytes: number;
}

const FROM = Buffer.from('From ');

function isFromLine(line: Buffer): boolean {
  return line.length >= 5 && line.subarray(0, 5).equals(FROM);
}

/** `>From `, `>>From `, …: quoted From_ lines inside a message body. */
function isQuotedFrom(line: Buffer): boolean {
  let i = 0;
  while (i < line.length && line[i] === 0x3e) i += 1;
  return i > 0 && line.length - i >= 5 && line.subarray(i, i + 5).equals(FROM);
}

function isBlank(line: Buffer): boolean {
  return line.length === 0 || (line.length === 1 && line[0] === 0x0d);
}

class MessageBuilder {
  private parts: Buffer[] = [];
  private size = 0;
  truncated = 0;
  constructor(private readonly maxBytes: number) {}

  push(line: Buffer): void {
    const piece = line;
    if (this.size + piece.length + 1 > this.maxBytes) {
      this.truncated += piece.length + 1;
      return;
    }
    this.parts.push(piece, NEWLINE);
    this.size += piece.length + 1;
  }

  get empty(): boolean {
    return this.size === 0 && this.truncated === 0;
  }

  /** The message without the blank separator line that precedes the next From_ line. */
  finish(): { raw: Buffer; truncated: number } {
    let raw = Buffer.concat(this.parts, this.size);
    if (raw.length >= 2 && raw[raw.length - 1] === 0x0a && raw[raw.length - 2] === 0x0a) raw = raw.subarray(0, raw.length - 1);
    else if (raw.length >= 3 && raw.subarray(raw.length - 3).equals(CRLF_LF)) raw = raw.subarray(0, raw.length - 1);
    return { raw, truncated: this.truncated };
  }
}

const NEWLINE = Buffer.from('\n');
const CRLF_LF = Buffer.from('\r\n\n');

/** Yields each message of the mbox at `path`, streaming. `maxBytes` caps what is kept of one message. */
export async function* readMbox(path: string, maxBytes = 50 * 1024 * 1024): AsyncGenerator<MboxMessage> {
  let index = 0;
  let current: MessageBuilder | null = null;
  let previousBlank = true;
  let carry: Buffer = Buffer.alloc(0);

  const handleLine = function* (line: Buffer): Generator<MboxMessage> {
    if (isFromLine(line) && previousBlank) {
      if (current !== null && !current.empty) {
        const done = current.finish();
        index += 1;
        yield { index, raw: done.raw, truncatedBytes: done.truncated };
      }
      current = new MessageBuilder(maxBytes);
      previousBlank = false;
      return;
    }
    previousBlank = isBlank(line);
    // Text before the first From_ line: treat the file as one message that lacks its separator.
    current ??= new MessageBuilder(maxBytes);
    current.push(isQuotedFrom(line) ? line.subarray(1) : line);
  };

  for await (const chunk of createReadStream(path)) {
    const data: Buffer = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      yield* handleLine(data.subarray(start, nl));
      start = nl + 1;
    }
    // Copy the tail so the big chunk it came from can be freed; a line longer than the cap is cut.
    carry = Buffer.from(data.subarray(start));
    if (carry.length > maxBytes) {
      yield* handleLine(carry);
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length > 0) yield* handleLine(carry);
  const last = current as MessageBuilder | null;
  if (last !== null && !last.empty) {
    const done = last.finish();
    index += 1;
    yield { index, raw: done.raw, truncatedBytes: done.truncated };
  }
}

/** True when the first bytes look like an mbox (a From_ line first). */
export function looksLikeMbox(head: Buffer): boolean {
  return isFromLine(head.subarray(0, 5)) && /^From \S+/.test(head.subarray(0, 200).toString('latin1'));
}
