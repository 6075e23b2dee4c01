import { describe, expect, it } from 'vitest';
import { findPhonesInText, REPORT_THRESHOLD } from '../../src/extract/phones.js';

interface Case {
  text: string;
  /** Expected E.164 numbers, in order of appearance; [] for decoys. */
  want: string[];
  regions?: string[];
  /** A disguise that must be reported for the first number. */
  disguise?: string;
}

const US = ['US'];

/** Numbers a reader sees, written plainly or internationally. */
const plain: Case[] = [
  { text: 'Call us at (804) 713-4598 today', want: ['+18047134598'] },
  { text: 'Call 804-713-4598', want: ['+18047134598'] },
  { text: 'Phone: 804.713.4598', want: ['+18047134598'] },
  { text: 'Support line 804 713 4598', want: ['+18047134598'] },
  { text: 'Toll free 1-888-908-7930', want: ['+18889087930'] },
  { text: 'Call +1 (804) 713-4598 now', want: ['+18047134598'] },
  { text: 'Reach us at +1 802-203-6615.', want: ['+18022036615'] },
  { text: 'or call (888)746-7726. The offer', want: ['+18887467726'] },
  { text: 'Helpline +1 888 90 87 930', want: ['+18889087930'] },
  { text: 'Tel (972) 997-8220 / Fax (972) 997-8221', want: ['+19729978220', '+19729978221'] },
  { text: 'Billing dept: 1 (877) 222 5488', want: ['+18772225488'] },
  { text: 'Call Us: 01243 510510', want: ['+441243510510'], regions: ['GB', 'US'] },
  { text: 'Phone +44 (0)20 7946 0958', want: ['+442079460958'] },
  { text: 'Fone Fácil: 4002 0022, capitais', want: ['+5540020022'], regions: ['BR', 'US'] },
  { text: 'ligue 0800 570 0022, demais regiões', want: ['+558005700022'], regions: ['BR', 'US'] },
  { text: 'SAC: 0800 774 0474', want: ['+558007740474'], regions: ['BR', 'US'] },
  { text: 'WhatsApp (55) 9 9190-0920', want: ['+5555991900920'], regions: ['BR', 'US'] },
  { text: 'Fone (81) 98646-5336 - E-mail x@example.com', want: ['+5581986465336'], regions: ['BR', 'US'] },
  { text: 'Mob - 8383063372', want: ['+918383063372'], regions: ['IN', 'US'] },
  { text: 'Phone: 03552-222011', want: ['+913552222011'], regions: ['IN', 'US'] },
  { text: 'Rufen Sie an: 0800 123 4567', want: ['+498001234567'], regions: ['DE', 'US'] },
  { text: 'Appelez le 01 23 45 67 89', want: ['+33123456789'], regions: ['FR', 'US'] },
  { text: 'Bel ons op 020 123 4567', want: ['+31201234567'], regions: ['NL', 'US'] },
  { text: 'Llame al 912 345 678', want: ['+34912345678'], regions: ['ES', 'US'] },
  { text: 'Call +32 475 20 50 11', want: ['+32475205011'] },
  { text: 'WhatsApp: +37120585365', want: ['+37120585365'] },
  { text: 'Contact • +4932213260060', want: ['+4932213260060'] },
  { text: 'Tel.: +562 2925 9200', want: ['+56229259200'] },
  { text: 'Contact +91 9871997904 today', want: ['+919871997904'] },
  { text: 'NANP shape wins over a Brazilian reading: (888) 908-7930', want: ['+18889087930'], regions: ['BR', 'US'] },
  { text: 'Call 1-800-216-3546 or 1-800-216-3547', want: ['+18002163546', '+18002163547'] },
];

/** Disguised numbers: each must be recovered and its disguise named. */
const disguised: Case[] = [
  { text: 'Call 8O4-7l3-4598', want: ['+18047134598'], disguise: 'letter-digits' },
  { text: 'call 1-8OO-9O8-793O', want: ['+18009087930'], disguise: 'letter-digits' },
  { text: 'phone 804-7I3-4598', want: ['+18047134598'], disguise: 'letter-digits' },
  { text: 'call 8.0.4.7.1.3.4.5.9.8', want: ['+18047134598'] },
  { text: 'call 804 - 713 - 4598', want: ['+18047134598'] },
  { text: 'call 804/713/4598', want: ['+18047134598'] },
  { text: 'call 8📞0📞4 713 4598', want: ['+18047134598'], disguise: 'symbol-separators' },
  { text: 'call 804☎713☎4598', want: ['+18047134598'], disguise: 'symbol-separators' },
  { text: 'call 804*713*4598', want: ['+18047134598'], disguise: 'symbol-separators' },
  { text: 'call 804 • 713 • 4598', want: ['+18047134598'], disguise: 'symbol-separators' },
  { text: 'call ８０４－７１３－４５９８', want: ['+18047134598'], disguise: 'unicode-digits' },
  { text: 'call ＋１ ８０４ ７１３ ４５９８', want: ['+18047134598'], disguise: 'unicode-digits' },
  { text: 'call 𝟖𝟎𝟒 𝟕𝟏𝟑 𝟒𝟓𝟗𝟖', want: ['+18047134598'], disguise: 'unicode-digits' },
  { text: 'call 𝟴𝟬𝟰-𝟳𝟭𝟯-𝟰𝟱𝟵𝟴', want: ['+18047134598'], disguise: 'unicode-digits' },
  { text: 'call ٨٠٤-٧١٣-٤٥٩٨', want: ['+18047134598'], disguise: 'unicode-digits' },
  { text: 'call ۸۰۴-۷۱۳-۴۵۹۸', want: ['+18047134598'], disguise: 'unicode-digits' },
  { text: 'call 8\u200B0\u200B4-713-4598', want: ['+18047134598'], disguise: 'invisible-chars' },
  { text: 'call 804\u200C713\u200D4598', want: ['+18047134598'], disguise: 'invisible-chars' },
  { text: 'call 804\u2060-713-\uFEFF4598', want: ['+18047134598'], disguise: 'invisible-chars' },
  { text: 'call 804-71\u00AD3-4598', want: ['+18047134598'], disguise: 'invisible-chars' },
  { text: 'call8047134598now', want: ['+18047134598'], disguise: 'glued-to-words' },
  { text: 'Tel:+18047134598', want: ['+18047134598'] },
  { text: 'PHONE8047134598', want: ['+18047134598'], disguise: 'glued-to-words' },
  { text: 'Call 1-800-FLOWERS today', want: ['+18003569377'], disguise: 'vanity-letters' },
  { text: 'Call 1-888-PAYPAL1 now', want: ['+18887297251'], disguise: 'vanity-letters' },
  { text: 'Call (800) GEEK-SQD', want: ['+18004335773'], disguise: 'vanity-letters' },
  { text: 'at 850.891.4YOU (4968)', want: ['+18508914968'], disguise: 'vanity-letters' },
  { text: 'Helpline +1 888 908 79 30', want: ['+18889087930'] },
  { text: 'Helpline +1 8889 087 930', want: ['+18889087930'] },
  { text: 'call +1 (8 0 4) 7 1 3 - 4 5 9 8', want: ['+18047134598'] },
  { text: 'call\u00A0804\u00A0713\u00A04598', want: ['+18047134598'] },
  { text: 'call 804–713–4598', want: ['+18047134598'] },
  { text: 'call 9️⃣1️⃣5️⃣4️⃣6️⃣0️⃣8️⃣3️⃣6️⃣1️⃣', want: ['+19154608361'], disguise: 'symbol-separators' },
  { text: 'phone (480)_550_2862', want: ['+14805502862'], disguise: 'symbol-separators' },
  { text: 'call 6.0.5-7.2.9-3.6.0.0', want: ['+16057293600'], disguise: 'symbol-separators' },
  { text: 'Hotline: support9154608368.', want: ['+19154608368'], disguise: 'glued-to-words' },
  { text: 'call +1 (5o4) 260-5842', want: ['+15042605842'], disguise: 'letter-digits' },
  { text: 'Kundendienst: Tel. 610/763/8815', want: ['+16107638815'], regions: ['DE', 'US'] },
  { text: 'ligue para o suporte 8448559669', want: ['+18448559669'], regions: ['BR', 'US'] },
  { text: 'PayPal invoice #A856235291 (409-524-6092)', want: ['+14095246092'] },
  { text: 'Service cancelation confirmation (877-860-8056)', want: ['+18778608056'] },
];

/** Digit runs that are not phone numbers. */
const decoys: Case[] = [
  { text: 'Protocolo: 8611004072', want: [] },
  { text: 'Nº PROTOCOLO:69004133', want: [] },
  { text: 'MSG: 5560934116', want: [] },
  { text: 'Case-ID: 5873258512', want: [] },
  { text: 'Caseid#9564-525102', want: [] },
  { text: 'Order #8047134598', want: [] },
  { text: 'Invoice no. 8047134598', want: [] },
  { text: 'Transaction ID abcd1234567890', want: [] },
  { text: 'You have a new incoming transaction 21337712216.', want: [] },
  { text: 'Tracking number: CY1022030750US', want: [] },
  { text: 'Su código de seguimiento: GL316036315184885', want: [] },
  { text: 'CNPJ 60.746.948/0001-12', want: [], regions: ['BR', 'US'] },
  { text: 'CNPJ 60.746.948.0001-12', want: [], regions: ['BR', 'US'] },
  { text: 'CPF 123.456.789-09', want: [], regions: ['BR', 'US'] },
  { text: 'RUT 92814000-8', want: [], regions: ['CL', 'US'] },
  { text: 'válidos até: 18/11/2023', want: [], regions: ['BR', 'US'] },
  { text: 'EXPIRATION DATE 10-31-2025', want: [] },
  { text: 'last active on 2024-06-11.', want: [] },
  { text: 'at 06/09/2025 11:01:46', want: [] },
  { text: 'You would Receive $2,300.000.00', want: [] },
  { text: 'Gesamt : € 39 800,00', want: [], regions: ['DE', 'US'] },
  { text: 'R$ 1.279.352,00 em pontos', want: [], regions: ['BR', 'US'] },
  { text: 'IP address: 103.225.77.255', want: [] },
  { text: 'Bentonville, AR 72716-0745', want: [] },
  { text: 'CEP 01310-100 São Paulo', want: [], regions: ['BR', 'US'] },
  { text: 'visit http://example.com/track/8047134598/abc', want: [] },
  { text: 'https://apps.apple.com/US/app/id726031617?d=16818758362', want: [] },
  { text: 'mail sac9283940324recompensa@example.com', want: [] },
  { text: 'identified as "AA-2813686361,"', want: [] },
  { text: 'Ref: AMEX-72226654', want: [] },
  { text: 'Protocolo: RFB-2025-BR-96523579', want: [], regions: ['BR', 'US'] },
  { text: '9167286 5691606 5839888', want: [] },
  { text: '8 4 86 752 7833 8 666458 6 273657', want: [] },
  { text: 'Código de Liberação: 335257959120172', want: [], regions: ['BR', 'US'] },
  { text: 'IBAN DE05504000005040040066', want: [] },
  { text: 'ACCOUNT NUMBER: 400807238', want: [] },
  { text: 'MTCN: 7618844852', want: [] },
  { text: 'Houve um acesso incomum. 3123628457', want: [], regions: ['BR', 'US'] },
  { text: '0673426494', want: [], regions: ['DE', 'US'] },
  { text: 'ISBN 9788582353363 432 páginas', want: [] },
  { text: 'Your User ID 2783731 was last active', want: [] },
  { text: 'PLZ 10115 Berlin', want: [], regions: ['DE', 'US'] },
  { text: 'Nosso horário: 07h às 22h', want: [], regions: ['BR', 'US'] },
  { text: 'Autorização: 18766670.', want: [], regions: ['BR', 'US'] },
  { text: 'Version 10.0.19045.3693', want: [] },
  { text: 'Customer ID: 909-536-3521', want: [] },
  { text: 'Klantnummer: 409-271-3871', want: [], regions: ['NL', 'US'] },
  { text: '6 4 6 322 21 03657 7 3 87', want: [], regions: ['AT', 'US'] },
];

function run(c: Case) {
  return findPhonesInText(c.text, { where: 'body', regions: c.regions ?? US });
}

describe('findPhonesInText: plain and international numbers', () => {
  it.each(plain)('$text', (c) => {
    expect(run(c).map((f) => f.e164)).toEqual(c.want);
  });
});

describe('findPhonesInText: disguised numbers', () => {
  it.each(disguised)('$text', (c) => {
    const found = run(c);
    expect(found.map((f) => f.e164)).toEqual(c.want);
    if (c.disguise !== undefined) expect(found[0]!.disguises).toContain(c.disguise);
  });
});

describe('findPhonesInText: decoys never become numbers', () => {
  it.each(decoys)('$text', (c) => {
    expect(run(c).map((f) => f.e164)).toEqual([]);
  });
});

describe('findPhonesInText: details', () => {
  it('has at least 80 table cases with 25+ decoys', () => {
    expect(plain.length + disguised.length + decoys.length).toBeGreaterThanOrEqual(80);
    expect(decoys.length).toBeGreaterThanOrEqual(25);
  });

  it('keeps the raw text exactly as written and the type from max metadata', () => {
    const [found] = findPhonesInText('Call ８O4 713 4598 now', { where: 'subject', regions: US });
    expect(found).toMatchObject({ e164: '+18047134598', raw: '８O4 713 4598', where: 'subject', country: 'US' });
    const [tollFree] = findPhonesInText('call 1-800-216-3546', { where: 'body', regions: US });
    expect(tollFree!.type).toBe('TOLL_FREE');
  });

  it('scores context: a bare digit run alone stays under the threshold, with a phone word above it', () => {
    const alone = findPhonesInText('8047134598', { where: 'body', regions: US, keepLowConfidence: true });
    expect(alone[0]!.confidence).toBeLessThan(REPORT_THRESHOLD);
    const called = findPhonesInText('Call 8047134598', { where: 'body', regions: US });
    expect(called[0]!.confidence).toBeGreaterThanOrEqual(REPORT_THRESHOLD);
  });

  it('a +CC number keeps its own country whatever the region order', () => {
    const found = findPhonesInText('Call +44 20 7946 0958', { where: 'body', regions: ['BR', 'US'] });
    expect(found.map((f) => f.country)).toEqual(['GB']);
  });

  it('an id after a phone number is still an id', () => {
    const found = findPhonesInText('ligue no telefone +1 866 719 7313. Fatura: 8706214698', { where: 'body', regions: ['BR', 'US'] });
    expect(found.map((f) => f.e164)).toEqual(['+18667197313']);
  });

  it('keeps the context around the first sighting', () => {
    const [found] = findPhonesInText('Your order is delayed. Please call our billing desk at 804-713-4598 within 24 hours.', { where: 'body', regions: US });
    expect(found!.context).toContain('billing desk at 804-713-4598');
  });
});

describe('extensions and menu choices are kept apart from the number', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['Call 1-888-555-2132 *2 for billing', '+18885552132', '2'],
    ['Call 1 (800) 555-0199 ext. 4', '+18005550199', '4'],
    ['Phone +1 844 555 0133 x123', '+18445550133', '123'],
    ['Call 855-555-0147 option 3', '+18555550147', '3'],
    ['Call 855-555-0147 today', '+18555550147', undefined],
  ];
  it.each(cases)('%s', (text, e164, ext) => {
    const [found] = findPhonesInText(text, { where: 'body', regions: ['US'] });
    expect(found?.e164).toBe(e164);
    expect(found?.ext).toBe(ext);
    expect(found?.raw).not.toMatch(/x1|ext/i);
  });
});
