/**
 * The genuine service that delivered a message, when criminals abused one of its features (a Google Calendar
 * invitation, a PayPal or QuickBooks invoice, a DocuSign envelope, a helpdesk reply): the mail passes SPF
 * and DKIM because the real service sent it, and the service's name is all over the markup while the
 * impersonated brand sits in the text. Decided from delivery headers only, which the platform's own
 * infrastructure writes (data/platforms.json says what counts); a From header alone is forged too easily.
 */
import { readDataJson } from './data-files.js';

export interface DeliveryEvidence {
  /** Addresses, lower case. */
  from: string | null;
  sender: string | null;
  returnPath: string | null;
  /** Message-ID without angle brackets. */
  messageId: string | null;
  /** `d=` domains of every DKIM-Signature header. */
  dkimDomains: string[];
  xMailer: string | null;
  /** Hosts of List-Unsubscribe URLs. */
  listUnsubscribeHosts: string[];
  /** PRODID lines of calendar parts (text/calendar, .ics). */
  calendarProdIds: string[];
}

interface PlatformRecord {
  name: string;
  domains: string[];
  addresses?: string[];
  messageIds?: string[];
  prodIds?: string[];
  mailers?: string[];
  /** Only an invitation made by the platform's calendar software (PRODID) that its servers signed or numbered counts. */
  requiresProdId?: boolean;
  brands: string[];
  brandWhenAlone: boolean;
}

export interface Platform {
  name: string;
  /** Catalogue brands the platform's own boilerplate names (not impersonated). */
  brands: string[];
  brandWhenAlone: boolean;
  /** Which headers vouched for it, for the observation's reader. */
  evidence: string[];
}

let catalogue: PlatformRecord[] | null = null;

function platforms(): PlatformRecord[] {
  catalogue ??= readDataJson<{ platforms: PlatformRecord[] }>('platforms.json').platforms;
  return catalogue;
}

function domainOf(address: string | null): string | null {
  if (address === null) return null;
  const at = address.lastIndexOf('@');
  return at < 0 ? null : address.slice(at + 1).toLowerCase().replace(/[>\s]+$/, '');
}

/** `mail.paypal.com` is under `paypal.com`; `paypal.com.evil.net` is not. */
function under(domain: string | null, parent: string): boolean {
  if (domain === null || domain === '') return false;
  const d = domain.toLowerCase();
  return d === parent || d.endsWith(`.${parent}`);
}

function anyUnder(domains: (string | null)[], parents: string[]): boolean {
  return domains.some((d) => parents.some((p) => under(d, p)));
}

function matchOne(record: PlatformRecord, e: DeliveryEvidence): Platform | null {
  const evidence: string[] = [];
  const dkim = anyUnder(e.dkimDomains, record.domains);
  if (dkim) evidence.push('dkim');
  const messageIdDomain = domainOf(e.messageId);
  if (anyUnder([messageIdDomain], record.domains)) evidence.push('message-id');
  if (anyUnder([domainOf(e.returnPath)], record.domains)) evidence.push('return-path');
  if (anyUnder([domainOf(e.sender), domainOf(e.from)], record.domains)) evidence.push('sender');
  if (anyUnder(e.listUnsubscribeHosts, record.domains)) evidence.push('list-unsubscribe');
  if (record.mailers?.some((m) => e.xMailer?.toLowerCase().includes(m.toLowerCase())) === true) evidence.push('x-mailer');
  const prodId = record.prodIds?.some((p) => e.calendarProdIds.some((id) => id.toLowerCase().includes(p.toLowerCase()))) === true;
  if (prodId) evidence.push('calendar-prodid');

  if (record.requiresProdId === true) {
    return prodId && (dkim || evidence.includes('message-id')) ? { name: record.name, brands: record.brands, brandWhenAlone: record.brandWhenAlone, evidence } : null;
  }
  // A shared domain (google.com) names one platform only through its notification senders or Message-IDs.
  const narrowed = record.addresses === undefined && record.messageIds === undefined
    ? true
    : record.addresses?.some((a) => a === e.sender || a === e.from) === true
      || record.messageIds?.some((p) => e.messageId?.toLowerCase().startsWith(p) === true && anyUnder([messageIdDomain], record.domains)) === true;
  if (record.domains.length > 0 && narrowed && (dkim ? evidence.length >= 1 : evidence.filter((x) => x !== 'calendar-prodid').length >= 2)) {
    if (record.addresses !== undefined && !dkim) return null; // a notification address without the platform's signature is a forgery
    return { name: record.name, brands: record.brands, brandWhenAlone: record.brandWhenAlone, evidence };
  }
  return null;
}

/** The platform that delivered the message, or null when the sender's own mail server did. */
export function detectPlatform(evidence: DeliveryEvidence): Platform | null {
  let best: Platform | null = null;
  for (const record of platforms()) {
    const found = matchOne(record, evidence);
    if (found !== null && (best === null || found.evidence.length > best.evidence.length)) best = found;
  }
  return best;
}
