import { describe, expect, it } from 'vitest';
import { numberFromHref, numbersFromLinksInText } from '../../src/extract/links.js';

describe('numbers behind links', () => {
  const hrefs: Array<[string, string | null]> = [
    ['tel:+18885550101', '+18885550101'],
    ['tel:1-888-555-0101', '+18885550101'],
    ['callto:+44 20 7946 0018', '+442079460018'],
    ['https://wa.me/5511987654321', '+5511987654321'],
    ['https://wa.me/5511987654321?text=Oi', '+5511987654321'],
    ['https://api.whatsapp.com/send?phone=5511987654321&text=x', '+5511987654321'],
    ['whatsapp://send?phone=%2B5511987654321', '+5511987654321'],
    ['https://t.me/+5511987654321', '+5511987654321'],
    ['https://telegram.me/%2B447911123456', '+447911123456'],
    ['tg://resolve?phone=447911123456', '+447911123456'],
    ['viber://chat?number=%2B380501234567', '+380501234567'],
    ['https://t.me/+AbCdEfGh12345', null],
    ['https://t.me/support_bot', null],
    ['https://example.com/wa.me/123', null],
    ['tel:123', null],
  ];
  it.each(hrefs)('%s', (href, e164) => {
    expect(numberFromHref(href, ['US'])?.e164 ?? null).toBe(e164);
  });

  it('finds messaging links written out in text, where: link', () => {
    const found = numbersFromLinksInText('Fale conosco: t.me/+5511987654321 ou https://wa.me/5521998765432', ['BR']);
    expect(found.map((f) => [f.e164, f.where])).toEqual([['+5511987654321', 'link'], ['+5521998765432', 'link']]);
  });
});
