import { crlf, encodeWords, formatAddress } from './mime.js';
import type { Rng } from './random.js';
import type { BrandName } from './vocabulary.js';

/** Message headers: the scammer's own envelope (Return-Path, Received, Date, From, To, Subject, Message-ID). */

export const TZ_OFFSETS = [0, -300, -240, -420, -360, 60, 120, 330, -180, 480];
const MAILERS = ['Microsoft Outlook 16.0', 'PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)', 'Mozilla Thunderbird', 'Postfix', 'Apple Mail (2.3774)'];
const SENDER_ROLES = ['Billing', 'Support', 'Service', 'Security', 'Notifications', 'Customer Care', 'Team'];
export const LOCAL_PARTS = ['noreply', 'no-reply', 'billing', 'support', 'notice', 'service', 'alerts', 'info', 'accounts'];
export const RECIPIENT_DOMAINS = ['example.com', 'example.org', 'example.net'];
export interface Envelope {
  messageId: string;
  date: string;
  day: string;
  from: string;
  fromName: string;
  fromDomain: string;
  headers: Array<[string, string]>;
}

export function envelope(rng: Rng, day: string, domain: string, brand: BrandName, subject: string): Envelope {
  const seconds = rng.int(0, 86_399);
  const utc = new Date(Date.parse(`${day}T00:00:00Z`) + seconds * 1000);
  const offset = rng.pick(TZ_OFFSETS);
  const local = `${rng.pick(LOCAL_PARTS)}${rng.chance(0.5) ? `-${rng.int(10, 9999)}` : ''}`;
  const from = `${local}@${domain}`;
  const fromName = rng.chance(0.85) ? `${brand} ${rng.pick(SENDER_ROLES)}` : '';
  const messageId = `<${rng.hex(24)}@${domain}>`;
  const recipient = `${rng.pick(['j.smith', 'maria', 'office', 'accounts', 'k.nguyen', 'user'])}${rng.int(1, 999)}@${rng.pick(RECIPIENT_DOMAINS)}`;
  const relayIp = `203.0.113.${rng.int(1, 254)}`;
  const received = new Date(utc.getTime() + rng.int(1, 90) * 1000);
  const headers: Array<[string, string]> = [
    ['Return-Path', `<bounce-${rng.hex(8)}@${domain}>`],
    ['Received', `from mail.${domain} (mail.${domain} [${relayIp}])${crlf('\n')}\tby mx1.example.net with ESMTPS id ${rng.hex(12)};${crlf('\n')}\t${rfc2822(received, 0)}`],
  ];
  if (rng.chance(0.5)) {
    headers.push(['Received', `from localhost (unknown [198.51.100.${rng.int(1, 254)}])${crlf('\n')}\tby mail.${domain} (Postfix) with ESMTPA id ${rng.hex(10).toUpperCase()};${crlf('\n')}\t${rfc2822(utc, offset)}`]);
  }
  headers.push(
    ['Date', rfc2822(utc, offset)],
    ['From', formatAddress(fromName, from)],
    ['To', `<${recipient}>`],
    ['Subject', encodeWords(subject)],
    ['Message-ID', messageId],
  );
  if (rng.chance(0.4)) headers.push(['X-Mailer', rng.pick(MAILERS)]);
  if (rng.chance(0.2)) headers.push(['Reply-To', `<${rng.pick(LOCAL_PARTS)}${rng.int(1, 99)}@${rng.pick(['gmail.com', 'outlook.com', 'proton.me'])}>`]);
  return { messageId, date: utc.toISOString(), day, from, fromName, fromDomain: domain, headers };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 2822 date in a given offset (minutes east of UTC); the UTC instant stays the planned one. */
export function rfc2822(utc: Date, offsetMinutes: number): string {
  const local = new Date(utc.getTime() + offsetMinutes * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${WEEKDAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}


export function recipientAddress(rng: Rng): string {
  return `${rng.pick(['j.smith', 'maria', 'office', 'accounts', 'k.nguyen', 'user'])}${rng.int(1, 999)}@${rng.pick(RECIPIENT_DOMAINS)}`;
}

/** A UTC instant on the planned day and the local offset its Date header is written in. */
export function sendTime(rng: Rng, day: string): { utc: Date; offset: number } {
  const seconds = rng.int(0, 86_399);
  return { utc: new Date(Date.parse(`${day}T00:00:00Z`) + seconds * 1000), offset: rng.pick(TZ_OFFSETS) };
}

export interface ServiceEnvelopeOptions {
  utc: Date;
  offset: number;
  /** The From address and display name (the scammer's for an invitation, the service's for an invoice). */
  from: string;
  fromName: string;
  recipient: string;
  subject: string;
  messageId: string;
  /** The genuine service's sending host and signing domain: real platform mail passes DKIM for it. */
  relayHost: string;
  relayIp: string;
  dkimDomain: string;
  dkimSelector: string;
  returnPath: string;
  sender?: { name: string; address: string };
  replyTo?: { name: string; address: string };
  /** Headers after Message-ID (Content-class, Thread-Topic, X-Email-Type-Id …). */
  extra?: Array<[string, string]>;
}

/** Headers of mail the real service sent (Google Calendar, Exchange, PayPal, Intuit) on the scammer's behalf. */
export function serviceEnvelope(rng: Rng, day: string, o: ServiceEnvelopeOptions): Envelope {
  const received = new Date(o.utc.getTime() + rng.int(1, 20) * 1000);
  const nl = crlf('\n');
  const b64 = (bytes: number): string => Buffer.from(rng.hex(bytes * 2), 'hex').toString('base64');
  const t = Math.floor(o.utc.getTime() / 1000);
  const signature = b64(256).match(/.{1,70}/g)!.join(`${nl}         `);
  const headers: Array<[string, string]> = [
    ['Return-Path', `<${o.returnPath}>`],
    ['Received', `from ${o.relayHost} (${o.relayHost} [${o.relayIp}])${nl}\tby mx1.example.net with ESMTPS id ${rng.hex(12)};${nl}\t${rfc2822(received, 0)}`],
    ['DKIM-Signature', `v=1; a=rsa-sha256; c=relaxed/relaxed;${nl}        d=${o.dkimDomain}; s=${o.dkimSelector}; t=${t};${nl}        h=to:from:subject:date:message-id:sender:reply-to:mime-version;${nl}        bh=${b64(32)};${nl}        b=${signature}`],
    ['Authentication-Results', `mx1.example.net;${nl}\tdkim=pass header.d=${o.dkimDomain} header.s=${o.dkimSelector};${nl}\tspf=pass smtp.mailfrom=${o.returnPath.split('@')[1] ?? o.dkimDomain}`],
  ];
  if (o.replyTo) headers.push(['Reply-To', formatAddress(o.replyTo.name, o.replyTo.address)]);
  if (o.sender) headers.push(['Sender', formatAddress(o.sender.name, o.sender.address)]);
  headers.push(
    ['Message-ID', o.messageId],
    ['Date', rfc2822(o.utc, o.offset)],
    ['Subject', encodeWords(o.subject)],
    ['From', formatAddress(o.fromName, o.from)],
    ['To', `<${o.recipient}>`],
    ...(o.extra ?? []),
  );
  const fromDomain = o.from.split('@')[1] ?? '';
  return { messageId: o.messageId, date: o.utc.toISOString(), day, from: o.from, fromName: o.fromName, fromDomain, headers };
}
