import { describe, expect, it } from 'vitest';
import { classifyMessage, lureKey, type ClassifyInput } from '../../src/classify/index.js';

const TOAD: ClassifyInput = {
  subject: 'Your Norton 360 subscription has been renewed - Invoice #A88231',
  body: 'Dear customer, your Norton LifeLock plan auto-renewed and $399.99 was charged to your card. If you did not authorize this, call +1 (888) 555-0142 within 24 hours.',
  attachmentText: 'INVOICE Norton 360 Deluxe, 5 devices, 1 year. Total $399.99. Billing support: +1 (888) 555-0142',
  fromName: 'Norton Billing',
  fromAddress: 'billing.team83@gmail.com',
  lang: 'en',
};

describe('classifyMessage', () => {
  it('returns brands, primary brand, lure per layer and subject template', () => {
    const r = classifyMessage(TOAD);
    expect(r.brand).toBe('Norton LifeLock');
    expect(r.brands[0]).toMatchObject({ name: 'Norton LifeLock', where: ['subject', 'sender', 'body', 'attachment'] });
    expect(r.brands.some((b) => b.name === 'Google')).toBe(false);
    expect(r.lure).not.toBeNull();
    expect(r.lure?.context).toBe('subscription-renewal');
    expect(r.lure?.cta).toBe('call-phone');
    expect(Object.keys(r.lure?.byLayer ?? {})).toEqual(['subject', 'body', 'attachment']);
    expect(r.lure?.byLayer.body?.cta).toBe('call-phone');
    expect(r.lure?.confidence).toBeGreaterThan(0.3);
    expect(r.lure?.confidence).toBeLessThanOrEqual(1);
    expect(lureKey(r.lure as NonNullable<typeof r.lure>)).toMatch(/^subscription-renewal·[a-z-]+·call-phone$/);
    expect(r.subjectTemplate).toBe('Your Norton {n} subscription has been renewed - Invoice #{id}');
  });

  it('lists secondary values only when they differ from the primary', () => {
    const r = classifyMessage(TOAD);
    for (const head of ['context', 'trigger', 'cta'] as const) {
      expect(r.lure?.secondary?.[head] ?? []).not.toContain(r.lure?.[head]);
    }
  });

  it('returns empty results for an empty message', () => {
    const r = classifyMessage({ subject: '', body: '', attachmentText: '', fromName: null, fromAddress: null, lang: null });
    expect(r).toEqual({ brands: [], brand: null, lure: null, subjectTemplate: null });
  });

  it('keeps layers apart: the attachment carries the lure when the body is a cover note', () => {
    const r = classifyMessage({
      subject: 'Document',
      body: 'Please see the attached file.',
      attachmentText: 'Geek Squad renewal. Your membership was renewed for $299.99. To cancel call 1-808-555-0199.',
      fromName: null,
      fromAddress: null,
      lang: null,
    });
    expect(r.brand).toBe('Geek Squad');
    expect(r.brands[0]?.where).toEqual(['attachment']);
    expect(r.lure?.byLayer.attachment?.context).toBe('subscription-renewal');
    expect(r.lure?.context).toBe('subscription-renewal');
  });

  it('does not let a subject with only weak trigger words outvote a body that states a threat', () => {
    const r = classifyMessage({
      subject: 'Payment confirmation #A77120',
      body: 'Hello, a payment of $612.00 from your account was flagged. Unless you verify it, your account will be suspended and locked permanently.',
      attachmentText: '',
      fromName: null,
      fromAddress: null,
      lang: 'en',
    });
    expect(r.lure?.byLayer.body?.trigger).toBe('fear-loss');
    expect(r.lure?.trigger).toBe('fear-loss');
  });

  it.each([
    [
      'an explicit deadline in the body beats plain receipts in subject and attachment',
      {
        subject: 'Order receipt #99812',
        body: 'We received your order for an Apple iPhone 15 Pro ($1,199.00). Please act within 12 hours if you want to change it.',
        attachmentText: 'Apple order receipt. iPhone 15 Pro, $1,199.00. Order support: +1 (877) 555-0181',
      },
      'urgency',
    ],
    [
      'a disowned charge in the body beats a subject that only names a refund',
      {
        subject: 'Refund approved - ref 44120',
        body: 'A refund of $299.99 was issued to your account. If you do not recognize this charge, contact our billing desk.',
        attachmentText: 'Refund confirmation. Amount $299.99. Billing desk +1 (866) 555-0150',
      },
      'confusion',
    ],
  ])('trigger: %s', (_label, parts, trigger) => {
    const r = classifyMessage({ fromName: null, fromAddress: null, lang: 'en', ...parts });
    expect(r.lure?.trigger).toBe(trigger);
  });
});

describe('a messaging service named as the channel is not the impersonated brand', () => {
  const base = { attachmentText: '', fromAddress: null, lang: 'en' };
  it.each([
    ['contact through WhatsApp, nobody impersonated', { subject: 'Compensation fund', body: 'Contact our agent on WhatsApp +371 2058 5365 to claim your funds.', fromName: 'Claims Office' }, null],
    ['contact through WhatsApp in a PayPal lure', { subject: 'PayPal payment on hold', body: 'Message our PayPal desk on WhatsApp to release it.', fromName: 'Service' }, 'PayPal'],
    ['the message claims to be WhatsApp itself', { subject: 'Your account will be closed', body: 'Verify your number now.', fromName: 'WhatsApp Support' }, 'WhatsApp'],
  ])('%s', (_name, input, brand) => {
    expect(classifyMessage({ ...base, ...input }).brand).toBe(brand);
  });
});
