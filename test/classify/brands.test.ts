import { describe, expect, it } from 'vitest';
import { brandNames, exactBrandOf, findBrands, fuzzyBrandOf, type BrandInput } from '../../src/classify/brands.js';

function input(partial: Partial<BrandInput>): BrandInput {
  return { subject: '', body: '', attachmentText: '', fromName: null, fromAddress: null, ...partial };
}

/** [description, message parts, expected primary brand or null] */
const CASES: Array<[string, Partial<BrandInput>, string | null]> = [
  // Plain names and aliases
  ['plain PayPal', { subject: 'Your PayPal account is limited' }, 'PayPal'],
  ['upper case', { subject: 'PAYPAL SECURITY NOTICE' }, 'PayPal'],
  ['LifeLock alias', { subject: 'LifeLock membership renewed' }, 'Norton LifeLock'],
  ['Norton 360 product', { body: 'Thank you for choosing Norton 360 Deluxe.' }, 'Norton LifeLock'],
  ['Norton with security context', { subject: 'NORTON subscription invoice' }, 'Norton LifeLock'],
  ['Norton LifeLock full', { subject: 'Norton LifeLock renewal' }, 'Norton LifeLock'],
  ['McAfee product', { body: 'Your McAfee Total Protection has been renewed.' }, 'McAfee'],
  ['Mc Afee split alias', { subject: 'Mc Afee order confirmation' }, 'McAfee'],
  ['Geek Squad', { subject: 'Geek Squad invoice' }, 'Geek Squad'],
  ['GeekSquad joined', { subject: 'GeekSquad Total Tech Support' }, 'Geek Squad'],
  ['Best Buy is Geek Squad', { subject: 'Best Buy order #88121' }, 'Geek Squad'],
  ['Microsoft', { subject: 'Microsoft account unusual sign-in activity' }, 'Microsoft'],
  ['Office 365', { subject: 'Your Office 365 password expires today' }, 'Microsoft'],
  ['Amazon Prime', { body: 'Your Amazon Prime membership was renewed' }, 'Amazon'],
  ['Apple ID', { subject: 'Your Apple ID has been locked' }, 'Apple'],
  ['iCloud', { subject: 'iCloud storage is full' }, 'Apple'],
  ['Apple with account context', { subject: 'Apple: your account was used on a new device' }, 'Apple'],
  ['Netflix', { subject: 'Netflix: payment declined' }, 'Netflix'],
  ['Coinbase', { subject: 'Coinbase withdrawal request' }, 'Coinbase'],
  ['Binance', { body: 'Binance security: new device login' }, 'Binance'],
  ['eBay', { subject: 'eBay: your item has been sold' }, 'eBay'],
  ['Wells Fargo', { subject: 'Wells Fargo online banking alert' }, 'Wells Fargo'],
  ['Bank of America', { subject: 'Bank of America: unusual card activity' }, 'Bank of America'],
  ['Chase Bank', { subject: 'Chase Bank fraud alert' }, 'Chase'],
  ['USPS', { subject: 'USPS: your package could not be delivered' }, 'USPS'],
  ['DHL Express', { subject: 'DHL Express shipment on hold' }, 'DHL'],
  ['IRS with tax context', { subject: 'IRS tax refund notification' }, 'IRS'],
  ['Itaú with accent', { subject: 'Itaú: seu cartão foi bloqueado' }, 'Itaú'],
  ['Banco do Brasil', { subject: 'Banco do Brasil informa: pontos a expirar' }, 'Banco do Brasil'],
  ['Livelo', { subject: 'Livelo Informa: saldo disponível para resgate' }, 'Livelo'],
  ['Bradesco', { subject: 'Cashback Bradesco, pontos para resgate' }, 'Bradesco'],
  ['Santander', { subject: 'Santander: confirme seus dados' }, 'Santander'],
  ['Sparkasse', { subject: 'Sparkasse: Ihr Konto wurde gesperrt' }, 'Sparkasse'],
  ['HMRC', { subject: 'HMRC tax refund available' }, 'HMRC'],
  ['T-Mobile hyphen', { subject: 'T-Mobile bill ready' }, 'T-Mobile'],
  ['AT&T ampersand', { subject: 'AT&T: your bill is overdue' }, 'AT&T'],
  ['DocuSign split', { subject: 'Docu Sign: document waiting' }, 'DocuSign'],
  // Obfuscation: spacing, punctuation, digits, homoglyphs, invisible and styled characters
  ['spaced letters', { subject: 'P a y P a l security notice' }, 'PayPal'],
  ['hyphenated', { subject: 'Pay-Pal: payment received' }, 'PayPal'],
  ['dotted letters', { subject: 'P.a.y.P.a.l account review' }, 'PayPal'],
  ['capital I for l', { subject: 'PayPaI account suspended' }, 'PayPal'],
  ['digit 4 for a', { subject: 'P4yPal invoice' }, 'PayPal'],
  ['digit 1 for l', { subject: 'PayPa1 billing' }, 'PayPal'],
  ['Cyrillic look-alikes', { subject: 'Раураl account' }, 'PayPal'],
  ['Cyrillic inside Amazon', { subject: 'Your Amаzon acсount is temporarily on hold' }, 'Amazon'],
  ['zero-width space', { subject: 'Pay\u200BPal receipt' }, 'PayPal'],
  ['full-width letters', { subject: 'ＰａｙＰａｌ notice' }, 'PayPal'],
  ['mathematical bold', { subject: '𝐏𝐚𝐲𝐏𝐚𝐥 refund' }, 'PayPal'],
  ['digit 0 for o', { subject: 'Micr0soft support ticket' }, 'Microsoft'],
  ['capitalised split words', { fromName: 'Pay Pal Billing Department' }, 'PayPal'],
  ['spaced Norton with context', { subject: 'N o r t o n antivirus renewal' }, 'Norton LifeLock'],
  ['spaced McAfee', { subject: 'M c A f e e subscription' }, 'McAfee'],
  ['Geek-Squad hyphen', { subject: 'Geek-Squad membership' }, 'Geek Squad'],
  ['rn for m', { subject: 'Arnazon order confirmation' }, 'Amazon'],
  ['Norton Life Lock in three words', { subject: 'Norton Life Lock order confirmation' }, 'Norton LifeLock'],
  ['NORT0N with digit', { subject: 'NORT0N 360 renewal notice' }, 'Norton LifeLock'],
  ['hyphenated letters', { subject: 'P-a-y-P-a-l dispute' }, 'PayPal'],
  ['e-Bay', { subject: 'e-Bay: item not received' }, 'eBay'],
  ['Amzn', { subject: 'Amzn order 112-4482 shipped' }, 'Amazon'],
  ['Wells-Fargo', { fromName: 'Wells-Fargo Online' }, 'Wells Fargo'],
  ['Bank 0f America', { subject: 'Bank 0f America alert' }, 'Bank of America'],
  ['Internal Revenue Service', { body: 'Internal Revenue Service: you owe back taxes' }, 'IRS'],
  ['Social Security Administration', { body: 'The Social Security Administration has suspended your number' }, 'Social Security Administration'],
  // Light misspelling
  ['MacAfee', { subject: 'MacAfee subscription expired' }, 'McAfee'],
  ['misspelt LifeLock', { subject: 'Norton Lifelok renewal' }, 'Norton LifeLock'],
  ['misspelt McAfee', { subject: 'McAffee Total Protection' }, 'McAfee'],
  ['misspelt PayPal', { subject: 'Paypall invoice' }, 'PayPal'],
  ['misspelt Coinbase', { subject: 'Coinbsae account alert' }, 'Coinbase'],
  // Where the evidence is, and the primary brand by evidence
  ['display name only', { fromName: 'PayPal Service', body: 'Your account needs attention.' }, 'PayPal'],
  ['sender domain only', { fromAddress: 'service@paypal.com', body: 'Your account needs attention.' }, 'PayPal'],
  ['brand in sender local part', { fromAddress: 'norton-billing@mail-7721.com', body: 'Your invoice' }, 'Norton LifeLock'],
  ['attachment text only', { attachmentText: 'INVOICE Geek Squad Total Tech Support 2 years $399.99' }, 'Geek Squad'],
  ['subject brand beats a payment method', { subject: 'Norton renewal invoice', body: 'Paid with PayPal. Norton 360 Deluxe.' }, 'Norton LifeLock'],
  ['subject brand beats a card network', { subject: 'Your Geek Squad order', body: 'Visa card ending 4421 was charged.' }, 'Geek Squad'],
  ['social footer does not win', { subject: 'Your Amazon order', body: 'Follow us on Facebook, Instagram and Twitter' }, 'Amazon'],
  ['repeated body mentions win over one', { body: 'McAfee renewal. McAfee support. McAfee LiveSafe. Payment by PayPal.' }, 'McAfee'],
  // Negatives: ordinary words, names and boilerplate
  ['pay pal in lower case', { body: 'I need to pay pal Jim back for lunch tomorrow.' }, null],
  ['Norton as a surname', { body: 'Dear Mr. Norton, the meeting notes are attached.' }, null],
  ['Norton the actor', { body: 'Edward Norton was great in Fight Club.' }, null],
  ['Norton the town', { body: 'Norton, Ohio is a small city with a big park.' }, null],
  ['apple the fruit', { body: 'I ate an apple at lunch.' }, null],
  ['Apple orchard without context', { body: 'We went to the Apple orchard on Sunday.' }, null],
  ['apply is not Apple', { body: 'Please apply before Friday.' }, null],
  ['kindly is not Kindle', { body: 'Kindly find the agenda for next week.' }, null],
  ['chase the verb', { body: 'We will chase the supplier about the delay.' }, null],
  ['Chase the first name', { body: 'Call me at five, said Chase.' }, null],
  ['target the noun', { body: 'Our target is twenty percent growth.' }, null],
  ['orange the fruit', { body: 'The orange juice is in the fridge.' }, null],
  ['zoom the verb', { body: "Let's zoom in on the chart." }, null],
  ['ups the verb', { body: 'He ups the price every year.' }, null],
  ['ledger the book', { body: 'The ledger shows our expenses.' }, null],
  ['visa for travel', { body: 'Bring your visa and passport to the embassy.' }, null],
  ['prime minister', { body: 'The prime minister spoke this morning.' }, null],
  ['Morton is not Norton', { body: 'Morton Salt has a new logo.' }, null],
  ['papal is not PayPal', { body: 'The papal visit drew large crowds.' }, null],
  ['postal is not PostNL', { body: 'Postal workers are on strike.' }, null],
  ['telecom is not Telekom', { body: 'The telecom industry is changing.' }, null],
  ['lively is not Livelo', { body: 'We had a lively discussion.' }, null],
  ['meta the word', { body: 'Update the meta description tag.' }, null],
  ['wise the word', { body: 'Wise words from grandma.' }, null],
  ['Geek without Geek Squad context', { body: 'Geek culture convention this weekend.' }, null],
  ['free-mail sender is not Google', { fromAddress: 'john.smith@gmail.com', body: 'Hello there' }, null],
  ['Sent from my iPhone', { body: 'See you soon.\n\nSent from my iPhone' }, null],
  ['single footer link is not an impersonation', { body: 'Follow us on Facebook' }, null],
];

describe('findBrands', () => {
  it.each(CASES)('%s', (_name, parts, expected) => {
    expect(findBrands(input(parts)).brand).toBe(expected);
  });

  it('has at least 60 cases with 20 negatives', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(CASES.filter((c) => c[2] === null).length).toBeGreaterThanOrEqual(20);
  });

  it('keeps every brand mentioned, with where it was seen', () => {
    const r = findBrands(input({ subject: 'Norton renewal invoice', body: 'Paid with PayPal.', fromName: 'Norton Billing' }));
    expect(r.brands.map((b) => b.name)).toEqual(['Norton LifeLock', 'PayPal']);
    expect(r.brands[0]?.where).toEqual(['subject', 'sender']);
    expect(r.brands[1]?.where).toEqual(['body']);
    expect(r.brands[0]?.confidence).toBeGreaterThan(r.brands[1]?.confidence ?? 1);
  });

  it('lists a footer-only brand without making it primary', () => {
    const r = findBrands(input({ body: 'Follow us on Facebook' }));
    expect(r.brand).toBeNull();
    expect(r.brands.map((b) => b.name)).toEqual(['Facebook']);
  });

  it('ships at least 40 brands', () => {
    expect(brandNames().length).toBeGreaterThanOrEqual(40);
    for (const name of ['PayPal', 'Geek Squad', 'McAfee', 'Norton LifeLock', 'Microsoft', 'Apple', 'Amazon', 'eBay']) {
      expect(brandNames()).toContain(name);
    }
  });
});

describe('fuzzy matching threshold', () => {
  const ORDINARY = [
    'account', 'payment', 'invoice', 'kindly', 'urgent', 'protection', 'security', 'service', 'support', 'customer',
    'update', 'verify', 'confirm', 'please', 'apply', 'applied', 'postal', 'telecom', 'lively', 'mining', 'amazing',
    'norman', 'morton', 'horton', 'paper', 'payday', 'capital', 'network', 'renewal', 'subscription', 'delivery',
    'package', 'transfer', 'balance', 'office', 'android', 'shipping', 'apples', 'amazonia', 'monogram', 'indirect',
    'conta', 'pagamento', 'rechnung', 'factuur', 'facture', 'factura', 'cliente', 'kunden', 'dringend', 'sofort',
  ];
  it.each(ORDINARY)('"%s" is not a misspelt brand', (word) => {
    expect(exactBrandOf(word)).toBeNull();
    expect(fuzzyBrandOf(word)).toBeNull();
  });

  it.each([
    ['Lifelok', 'Norton LifeLock'],
    ['Paypall', 'PayPal'],
    ['Mcafe', 'McAfee'],
    ['Netflx', 'Netflix'],
    ['Coinbsae', 'Coinbase'],
    ['Microsfot', 'Microsoft'],
  ])('"%s" reads as %s', (word, brand) => {
    expect(fuzzyBrandOf(word)).toBe(brand);
  });
});
