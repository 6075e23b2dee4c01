import { describe, expect, it } from 'vitest';
import { readDataJson } from '../../src/classify/data-files.js';
import {
  LURE_CONTEXTS,
  LURE_CTAS,
  LURE_HEADS,
  LURE_TRIGGERS,
  LURE_VALUES,
  isLureValue,
  lureKey,
} from '../../src/classify/lure-values.js';
import { KEYWORD_LANGS, classifyText, detectLang, type LabelledText } from '../../src/classify/lures.js';

const train = readDataJson<{ items: LabelledText[] }>('lures.train.json').items;
const test = readDataJson<{ items: LabelledText[] }>('lures.test.json').items;

describe('lure vocabulary', () => {
  it('uses the kebab-case ids of DESIGN.md section 3', () => {
    expect(LURE_CONTEXTS).toEqual([
      'subscription-renewal',
      'invoice-billing',
      'account-security',
      'order-shipping',
      'tech-support',
      'refund-overpayment',
      'service-cancelation',
      'transaction-verification',
    ]);
    expect(LURE_TRIGGERS).toEqual(['urgency', 'fear-loss', 'confusion', 'relief', 'curiosity']);
    expect(LURE_CTAS).toEqual(['call-phone', 'click-link', 'reply-details', 'open-attachment', 'provide-payment']);
  });

  it('builds the Lure node key context·trigger·cta', () => {
    expect(lureKey({ context: 'order-shipping', trigger: 'urgency', cta: 'call-phone' })).toBe(
      'order-shipping·urgency·call-phone',
    );
    expect(lureKey({ context: 'invoice-billing', trigger: null, cta: 'call-phone' })).toBe(
      'invoice-billing·unknown·call-phone',
    );
    expect(isLureValue('trigger', 'curiosity')).toBe(true);
    expect(isLureValue('context', 'curiosity')).toBe(false);
  });
});

describe('lure data', () => {
  it('has at least 300 training texts covering every value', () => {
    expect(train.length).toBeGreaterThanOrEqual(300);
    for (const head of LURE_HEADS) {
      for (const value of LURE_VALUES[head]) {
        expect(train.filter((t) => t[head] === value).length, `${head}=${value}`).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('keeps the held-back split apart from the training texts', () => {
    const seen = new Set(train.map((t) => t.text.trim().toLowerCase()));
    expect(test.length).toBeGreaterThanOrEqual(100);
    expect(test.filter((t) => seen.has(t.text.trim().toLowerCase()))).toEqual([]);
  });

  it('has texts in all six keyword languages', () => {
    for (const lang of KEYWORD_LANGS) expect(train.some((t) => t.lang === lang), lang).toBe(true);
  });

  it('has keyword evidence for every context and trigger in all six languages', () => {
    type KeywordFile = Record<string, Record<string, Record<string, string[]>>>;
    const keywords = readDataJson<KeywordFile>('lure-keywords.json');
    for (const head of ['context', 'trigger'] as const) {
      for (const value of LURE_VALUES[head]) {
        for (const lang of KEYWORD_LANGS) {
          expect(keywords[head]?.[value]?.[lang]?.length ?? 0, `${head}/${value}/${lang}`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('classifyText', () => {
  it.each([
    ['Your McAfee plan renewed automatically and $349.99 was charged. To cancel, call +1 844 555 0100.', 'subscription-renewal', 'call-phone'],
    ['Security alert: your mailbox was locked after a suspicious login. Verify your account at https://x.example/login', 'account-security', 'click-link'],
    ['Ihr Paket wartet beim Zoll. Bitte bezahlen Sie die Gebühr von 2,99 EUR.', 'order-shipping', 'provide-payment'],
    ['Votre ordinateur est infecté. Appelez le support technique au 01 23 45 67 89.', 'tech-support', 'call-phone'],
    ['Você tem direito a um reembolso. Responda com seu nome completo e endereço.', 'refund-overpayment', 'reply-details'],
    ['Attached is your invoice for the annual service plan. Open the PDF to review the charges.', 'invoice-billing', 'open-attachment'],
  ])('%s', (text, context, cta) => {
    const v = classifyText(text);
    expect(v.context.value).toBe(context);
    expect(v.cta.value).toBe(cta);
    expect(v.context.confidence).toBeGreaterThan(0);
  });

  it.each([
    ['Your account will be closed permanently unless you verify your identity.', 'en', 'fear-loss'],
    ['You must complete this verification within 24 hours.', 'en', 'urgency'],
    ['We charged your card $499.99 for Norton 360. If you did not make this purchase, contact us.', 'en', 'confusion'],
    ['Great news! You are entitled to a reimbursement of $320.', 'en', 'relief'],
    ['Sie haben diese Zahlung nicht autorisiert? Melden Sie sich bei uns.', 'de', 'confusion'],
    ['Votre compte sera suspendu définitivement sans vérification.', 'fr', 'fear-loss'],
    ['Atualize seus dados o mais rápido possível, no máximo em 24 horas.', 'pt', 'urgency'],
    ['Le devolveremos 250 EUR: puede recuperar su dinero.', 'es', 'relief'],
    ['Bekijk wat er met uw account is gebeurd en ontdek wie heeft ingelogd.', 'nl', 'curiosity'],
  ])('trigger of %s', (text, lang, trigger) => {
    expect(classifyText(text, lang).trigger.value).toBe(trigger);
  });

  it('lets an explicit deadline outweigh weak words that only name the context (receipt, confirmed)', () => {
    const v = classifyText('Thank you for your order, your receipt is confirmed. Please pay the balance within 24 hours.');
    expect(v.trigger.value).toBe('urgency');
    expect(classifyText('Order confirmed, receipt attached. Reply immediately, the offer ends today.').trigger.value).toBe('urgency');
    const weakOnly = classifyText('Thank you for your order, your receipt is confirmed.');
    expect(weakOnly.trigger.keywordWeight).toBeLessThan(1);
    expect(v.trigger.keywordWeight).toBeGreaterThan(weakOnly.trigger.keywordWeight);
  });

  it('answers on long bodies (no underflow) and stays null on text without lure words', () => {
    const long = `${'Your order has shipped and the package is on its way. '.repeat(400)} Track your parcel.`;
    expect(classifyText(long).context.value).toBe('order-shipping');
    const neutral = classifyText('lorem ipsum dolor sit amet');
    expect(neutral.context.value).toBeNull();
    expect(neutral.trigger.value).toBeNull();
  });

  it('detects the language from function words unless one is given', () => {
    expect(detectLang(['ihr', 'konto', 'wurde', 'gesperrt', 'bitte', 'und', 'die'], null)).toBe('de');
    expect(detectLang(['sua', 'conta', 'foi', 'bloqueada', 'para', 'que'], null)).toBe('pt');
    expect(detectLang(['anything'], 'fr-FR')).toBe('fr');
  });

  it('reaches at least 0.8 accuracy per head on the held-back split', () => {
    for (const head of LURE_HEADS) {
      const right = test.filter((t) => classifyText(t.text, t.lang)[head].value === t[head]).length;
      expect(right / test.length, head).toBeGreaterThanOrEqual(0.8);
    }
  });
});
