import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/extract/observation.js';
import { attachmentTypeName, blockPrefix, blockSuffix, buildBatchRows, lineTypeOf, lureKey, utcDay } from '../../src/graph/rows.js';

function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    file: 'a.eml',
    id: 'a'.repeat(64),
    messageId: '<m1@example.test>',
    subject: 'Your PayPal order',
    from: 'Billing@Example.TEST',
    fromDomain: 'Example.TEST',
    date: '2026-03-03T23:30:00-05:00',
    numbers: [],
    attachments: [],
    issues: [],
    ...overrides,
  };
}

const number = (e164: string, type: Observation['numbers'][number]['type'] = 'FIXED_LINE_OR_MOBILE') => ({
  e164,
  country: 'US',
  type,
  where: ['body' as const],
  raw: [e164],
  obfuscated: false,
  confidence: 0.9,
});

describe('lineTypeOf', () => {
  it.each([
    ['VOIP', 'voip'],
    ['MOBILE', 'wireless'],
    ['FIXED_LINE', 'landline'],
    ['TOLL_FREE', 'toll-free'],
    ['FIXED_LINE_OR_MOBILE', 'unknown'],
    ['PREMIUM_RATE', 'unknown'],
    [undefined, 'unknown'],
  ])('%s → %s', (type, expected) => {
    expect(lineTypeOf(type)).toBe(expected);
  });
});

describe('keys', () => {
  it.each([
    ['+18047134598', '+1804713', 4598],
    ['+442079460000', '+44207946', 0],
    ['+33142685300', '+3314268', 5300],
  ])('block of %s is %s, position %d', (e164, prefix, suffix) => {
    expect(blockPrefix(e164)).toBe(prefix);
    expect(blockSuffix(e164)).toBe(suffix);
  });

  it('builds a lure key only when context, trigger and cta are all known', () => {
    expect(lureKey('order-confirmation', 'urgency', 'call-phone')).toBe('order-confirmation·urgency·call-phone');
    expect(lureKey('order-confirmation', null, 'call-phone')).toBeNull();
    expect(lureKey(undefined, 'urgency', 'call-phone')).toBeNull();
  });

  it('takes the UTC day of a timestamp with an offset', () => {
    expect(utcDay('2026-03-03T23:30:00-05:00')).toBe('2026-03-04');
    expect(utcDay(null)).toBeNull();
    expect(utcDay('not a date')).toBeNull();
  });

  it.each([
    ['PDF', 'pdf'],
    ['jpg', 'jpeg'],
    ['heic', 'heic'],
    ['exe', 'other'],
    ['', 'other'],
  ])('attachment type %s → %s', (type, expected) => expect(attachmentTypeName(type)).toBe(expected));
});

describe('buildBatchRows', () => {
  it('maps an unclassified observation: no brands, no lures, numbers with blocks', () => {
    const rows = buildBatchRows(
      [observation({ numbers: [number('+18047134598', 'VOIP'), number('+18047134599'), number('+18047134598', 'VOIP')] })],
      'test',
    );
    expect(rows.emails).toHaveLength(1);
    expect(rows.emails[0]).toMatchObject({ source: 'test', file: 'a.eml', sentAt: '2026-03-04T04:30:00.000Z', day: '2026-03-04' });
    expect(rows.emails[0]?.props).toMatchObject({ from: 'billing@example.test', brand: null, context: null, issueCount: 0 });
    expect(rows.domains).toEqual([{ emailId: 'a'.repeat(64), name: 'example.test', nameFull: null }]);
    expect(rows.issues).toEqual([]);
    expect(rows.numbers.map((n) => [n.e164, n.lineType, n.prefix])).toEqual([
      ['+18047134598', 'voip', '+1804713'],
      ['+18047134599', 'unknown', '+1804713'],
    ]);
    expect(rows.numbers[0]?.national).toBe('(804) 713-4598');
    expect(rows.blocks).toEqual([{ prefix: '+1804713', country: 'US' }]);
    expect(rows.mentions).toHaveLength(2);
    expect(rows.brands).toEqual([]);
    expect(rows.lures).toEqual([]);
  });

  it('writes brands with the primary flag and lures for the combined verdict and each complete layer', () => {
    const rows = buildBatchRows(
      [
        observation({
          brands: [
            { name: 'PayPal', where: ['subject'], confidence: 0.9 },
            { name: 'Norton LifeLock', where: ['body'], confidence: 0.6 },
          ],
          brand: 'PayPal',
          lure: {
            context: 'order-confirmation',
            trigger: 'urgency',
            cta: 'call-phone',
            confidence: 0.8,
            byLayer: {
              subject: { context: 'order-confirmation', trigger: null, cta: null, confidence: 0.5 },
              body: { context: 'order-confirmation', trigger: 'urgency', cta: 'call-phone', confidence: 0.7 },
            },
          },
        }),
      ],
      's',
    );
    expect(rows.brands.map((b) => [b.name, b.primary])).toEqual([
      ['PayPal', true],
      ['Norton LifeLock', false],
    ]);
    expect(rows.emails[0]?.props).toMatchObject({ brand: 'PayPal', context: 'order-confirmation', trigger: 'urgency', cta: 'call-phone' });
    expect(rows.lures.map((l) => [l.layer, l.key])).toEqual([
      ['email', 'order-confirmation·urgency·call-phone'],
      ['body', 'order-confirmation·urgency·call-phone'],
    ]);
  });

  it('keeps one row per attachment hash and per email id, and no domain when the sender has none', () => {
    const attachment = { filename: 'Invoice.PDF', type: 'pdf', declaredMime: 'application/octet-stream', sniffedMime: 'application/pdf', bytes: 1000, sha256: 'f'.repeat(64), textChars: 10 };
    const rows = buildBatchRows(
      [observation({ fromDomain: null, date: null, attachments: [attachment, attachment] }), observation({ attachments: [attachment] })],
      's',
    );
    expect(rows.emails).toHaveLength(1);
    expect(rows.emails[0]).toMatchObject({ sentAt: null, day: null });
    expect(rows.domains).toEqual([]);
    expect(rows.attachments).toEqual([{ emailId: 'a'.repeat(64), sha256: 'f'.repeat(64), filename: 'Invoice.PDF', bytes: 1000, mime: 'application/pdf', type: 'pdf' }]);
  });
});

describe('buildBatchRows: over-long indexed values', () => {
  const long = (n: number, unit = 'x'): string => unit.repeat(n);

  it.each([
    ['Email.messageId', { messageId: `<${long(10_000)}@x>` }, (r: ReturnType<typeof buildBatchRows>) => [r.emails[0]?.props.messageId, r.emails[0]?.props.messageIdFull], 1000],
    ['Email.subject', { subject: long(9000, 'word ') }, (r: ReturnType<typeof buildBatchRows>) => [r.emails[0]?.props.subject, r.emails[0]?.props.subjectFull], 2000],
    ['Email.subjectTemplate', { subjectTemplate: long(1500, 'ab ') }, (r: ReturnType<typeof buildBatchRows>) => [r.emails[0]?.props.subjectTemplate, null], 1000],
    ['Domain.name', { fromDomain: long(9763, 'A') }, (r: ReturnType<typeof buildBatchRows>) => [r.domains[0]?.name, r.domains[0]?.nameFull], 253],
    ['Brand.name', { brands: [{ name: long(5000), where: ['body' as const], confidence: 0.9 }] }, (r: ReturnType<typeof buildBatchRows>) => [r.brands[0]?.name, r.brands[0]?.nameFull], 200],
  ])('%s: stored shortened, the full value beside it, one issue', (property, overrides, pick, max) => {
    const rows = buildBatchRows([observation(overrides as Partial<Observation>)], 's');
    const [stored, full] = pick(rows) as [string, string | null];
    expect([...stored].length).toBe(max);
    expect(stored).toMatch(/…\[sha256:[0-9a-f]{64}\]$/);
    if (full !== null) expect(full.length).toBeGreaterThan(max);
    expect(rows.issues).toHaveLength(1);
    expect(rows.issues[0]).toMatchObject({ code: 'value_too_long', field: property, emailId: 'a'.repeat(64), file: 'a.eml', source: 's' });
    expect(rows.issues[0]?.message).toContain(`${property} is `);
    expect(rows.emails[0]?.props.issueCount).toBe(1);
    // Stable across loads: the same observation gives the same rows and issue id.
    expect(buildBatchRows([observation(overrides as Partial<Observation>)], 's')).toEqual(rows);
  });

  it('Lure.key: the key is bounded, the parts are kept in full', () => {
    const context = long(600, 'c');
    const rows = buildBatchRows([observation({ lure: { context, trigger: 'urgency', cta: 'call-phone', confidence: 0.9, byLayer: {} } })], 's');
    expect([...(rows.lures[0]?.key ?? '')].length).toBe(500);
    expect(rows.lures[0]?.context).toBe(context);
    expect(rows.issues.map((i) => i.field)).toEqual(['Lure.key']);
  });

  it('Email.brand and Brand.name agree when the primary brand is shortened', () => {
    const name = long(300, 'B');
    const rows = buildBatchRows([observation({ brand: name, brands: [{ name, where: ['subject'], confidence: 1 }] })], 's');
    expect(rows.emails[0]?.props.brand).toBe(rows.brands[0]?.name);
    expect(rows.brands[0]?.primary).toBe(true);
    expect(rows.issues).toHaveLength(1);
  });

  it('values within their limits write no issue and no full copies', () => {
    const rows = buildBatchRows([observation({ subject: long(2000), messageId: long(1000) })], 's');
    expect(rows.issues).toEqual([]);
    expect(rows.emails[0]?.props).toMatchObject({ subject: long(2000), subjectFull: null, messageId: long(1000), messageIdFull: null });
  });
});
