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
  // Brands real kits impersonate (eval/real): Brazil
  ['Detran in the display name', { fromName: 'Detran Notifica', subject: 'Suspensão de CNH em processamento', body: 'Acesse gov.br para regularizar.' }, 'Detran'],
  ['gov.br alone is its own brand', { body: 'Entre com sua conta gov.br para consultar.' }, 'gov.br'],
  ['Receita Federal', { subject: 'Receita Federal: CPF irregular' }, 'Receita Federal'],
  ['BB Cartões sender', { fromName: '[BB Cartões] - Comunicado', body: 'Você possui 33.295 PTS, troque agora mesmo!' }, 'Banco do Brasil'],
  ['Banco Inter', { subject: 'Banco Inter: seu Pix foi bloqueado' }, 'Banco Inter'],
  ['Inter with bank context', { fromName: 'Inter', body: 'Sua fatura do cartão venceu.' }, 'Banco Inter'],
  ['C6 Bank', { subject: 'C6 Bank: confirme seus dados' }, 'C6 Bank'],
  ['Sicredi', { subject: 'Sicredi informa: token expirado' }, 'Sicredi'],
  ['Serasa', { subject: 'Serasa: seu nome será negativado' }, 'Serasa'],
  ['Magazine Luiza', { body: 'Parabéns! Você ganhou um cupom Magazine Luiza.' }, 'Magalu'],
  ['Americanas with shop context', { subject: 'Americanas: cupom de desconto liberado' }, 'Americanas'],
  ['Shopee', { subject: 'Shopee: seu pedido foi retido' }, 'Shopee'],
  // Germany, Netherlands, Belgium, France, Spain
  ['ADAC', { subject: 'Ihr Auto-Notfallset von ADAC' }, 'ADAC'],
  ['ADAC body beats an AAA display name in a German kit', { fromName: 'AAA Prämien', body: 'Gewinnen Sie ein Auto-Notfallset! Die ADAC-Erfahrung verbessern. ADAC, das ist der Ort.' }, 'ADAC'],
  ['AAA with kit context', { fromName: 'The AAA Team.', subject: 'Limited-Time Offer: AAA Winter Safety Kit' }, 'AAA'],
  ['Hermes with parcel context', { subject: 'Hermes: Ihre Sendung konnte nicht zugestellt werden' }, 'Hermes'],
  ['GLS with Spanish parcel words', { fromName: 'GLS | Seguimiento del paquete', subject: 'Entrega en curso' }, 'GLS'],
  ['bpost', { subject: 'bpost: uw pakket wacht op betaling' }, 'bpost'],
  ['Colissimo on its own', { subject: 'Colissimo : votre colis est en attente' }, 'Colissimo'],
  ['Albert Heijn joined', { subject: 'Wij verloten meerdere AlbertHeijn cadeaukaarten!' }, 'Albert Heijn'],
  ['Kruidvat', { body: 'Een kort onderzoek naar winkelpromoties bij Kruidvat.' }, 'Kruidvat'],
  ['Aldi', { subject: 'Ihre Chance auf eine 500€ ALDI-Geschenkkarte' }, 'Aldi'],
  ['Lidl', { subject: 'Lidl Plus: Gutschein wartet' }, 'Lidl'],
  ['Decathlon', { body: 'Lieber Decathlon-Kunde, Ihr Camping-Set wartet.' }, 'Decathlon'],
  ['Rituals with gift context', { subject: 'Win een Rituals cadeaukaart van €250' }, 'Rituals'],
  ['Milka with chocolate context', { subject: 'Milka-Paket mit deiner Lieblingsschokolade' }, 'Milka'],
  ['Mijn CM', { fromName: 'Mijn CM', subject: 'Identificatie vereist' }, 'CM (Christelijke Mutualiteit)'],
  ['DigiD on its own', { subject: 'Uw DigiD verloopt vandaag' }, 'DigiD'],
  ['Belastingdienst', { subject: 'Belastingdienst: teruggave' }, 'Belastingdienst'],
  ['Carrefour with shop context', { subject: 'Carrefour : votre carte cadeau de 500€' }, 'Carrefour'],
  ['Compramostucoche obfuscated', { fromName: '-[@C0MPRAM0S-Tu-C0che_--]-' }, 'Compramostucoche.es'],
  // United States: retail prizes, warranties, insurance, health, finance
  ["Sam's Club is not Walmart", { subject: "Sam's Club membership reward" }, "Sam's Club"],
  ['Walmart stays Walmart', { subject: 'Walmart gift card survey' }, 'Walmart'],
  ['display name beats a prize named in the subject', { fromName: 'Costco Customer Support', subject: 'Congrat_Samsung Neo QLED 8K Exclusive Rewards' }, 'Costco'],
  ['display name beats a points programme in the subject', { fromName: 'Bradesco', subject: 'Livelo Informa: saldo disponível', body: 'Livelo. Banco Bradesco.' }, 'Bradesco'],
  ["Macy's", { fromName: 'Macys - Black Friday! - Todays Winner!' }, "Macy's"],
  ['Office Depot', { fromName: 'Office Depot - Epson Ecotank' }, 'Office Depot'],
  ['Ninja with kitchen context', { subject: 'Your Ninja NeverDull Premium Knife Set Reward' }, 'Ninja'],
  ['Endurance with warranty context', { fromName: 'Endurance', subject: 'Your auto warranty expires' }, 'Endurance'],
  ['Endurance Auto Warranty', { fromName: 'Endurance Auto Warranty' }, 'Endurance'],
  ['CarShield in bold letters', { subject: '𝗪𝗲𝗹𝗰𝗼𝗺𝗲 𝘁𝗼 𝗖𝗮𝗿𝗦𝗵𝗶𝗲𝗹𝗱' }, 'CarShield'],
  ['CARCHEX', { fromName: 'CARCHEX - Auto Protection Company' }, 'CARCHEX'],
  ['ServicePlus Home Warranty', { fromName: 'ServicePlus Home Warranty' }, 'ServicePlus Home Warranty'],
  ['Liberty Home Guard', { fromName: 'Liberty Home Guard' }, 'Liberty Home Guard'],
  ['Liberty Mutual joined', { fromName: 'LibertyMutual Team', subject: 'So many ways to save' }, 'Liberty Mutual'],
  ['Progressive with insurance context', { subject: 'Progressive: get your auto insurance quote' }, 'Progressive'],
  ['Allstate', { subject: 'Allstate policy renewal' }, 'Allstate'],
  ['Life Line Screening', { fromName: 'Life Line Screening of America', body: 'Open in Microsoft Word' }, 'Life Line Screening'],
  ['Gundry MD', { fromName: 'On Behalf of Gundry MD' }, 'Gundry MD'],
  ['Audien Hearing', { body: 'Order your Audien Atom 2 now' }, 'Audien Hearing'],
  ['iMemories', { subject: "Hurry! iMemories' Exclusive Offer" }, 'iMemories'],
  ["Ben & Jerry's", { body: 'Ein Ben & Jerry’s Produkt Tester für 1 Jahr!' }, "Ben & Jerry's"],
  ['Charles Schwab', { fromName: 'Charles Schwab & Co. Inc', subject: 'Your Schwab eStatement is ready.' }, 'Charles Schwab'],
  ['Fidelity with investment context', { subject: 'Fidelity: your 401k statement' }, 'Fidelity'],
  ['Homeland Security', { body: 'THE SECRETARY OF U.S DEPARTMENT OF HOMELAND SECURITY. Pay with GOOGLE PLAY cards.' }, 'U.S. Department of Homeland Security'],
  ['NBA draft lottery', { fromName: 'NBA® DRAFT', subject: 'PAYMENT AWARD WINNER' }, 'NBA'],
  ['United Bank for Africa', { body: 'UNITED BANK FOR AFRICA. The international monetary fund (IMF) mandated the United Bank for Africa.' }, 'United Bank for Africa'],
  // Crypto
  ['Gemini with login context', { fromName: 'Gemini Service', subject: 'New Login Attempt Detected', body: 'Login from Samsung Galaxy S23' }, 'Gemini'],
  ['Google Gemini is Google', { subject: 'Try Google Gemini in your account' }, 'Google'],
  ['OpenSea', { fromName: 'OpenSea', body: 'Someone made an offer on your listed item.' }, 'OpenSea'],
  ['SUSHI with airdrop context', { fromName: 'SUSHI', subject: 'Claim Your $SUSHI airdrop' }, 'SushiSwap'],
  ['Lido with staking context', { fromName: 'Lido', subject: 'Claim your stETH airdrop', body: 'Connect MetaMask or Ledger.' }, 'Lido Finance'],
  ['Etherfi', { subject: 'Unlock Your Season 2 Rewards with Etherfi Today!' }, 'Ether.fi'],
  ['Tether with airdrop context', { fromName: 'Tether', subject: 'Claim Your USDT Airdrop' }, 'Tether'],
  ['Bitget', { fromName: 'Bitget', subject: 'Claim Your BWB Today' }, 'Bitget'],
  ['Proton helpdesk', { fromName: 'proton.me Helpdesk', subject: 'Password Expiry Notification' }, 'Proton'],
  ['Stellar with XLM context', { fromName: 'Stellar.org Team', subject: 'Stake your XLM for 25% yields' }, 'Stellar'],
  ['Scroll with token context', { fromName: 'Scroll Community', body: 'Your SCR Tokens Are Ready!' }, 'Scroll'],
  ['Phantom with wallet context', { subject: 'Phantom: verify your wallet seed phrase' }, 'Phantom'],
  ['XRP giveaway', { subject: 'XRP airdrop: claim 5000 tokens' }, 'Ripple'],
  ['Illuvium', { fromName: 'Illuvium' }, 'Illuvium'],
  ['MetaMask with a Latin alpha', { fromName: 'MetɑMɑsk', fromAddress: 'hello@metamaks.amex', body: 'Verify your MetaMask wallet.' }, 'MetaMask'],
  // Mailbox providers named in addresses are not impersonations, wherever the address is written
  ['address in a subject is not its provider', { subject: 'Invitation: Confirmation Notice (jane.doe@hotmail.com)', body: 'Norton LifeLock renewal: $399.99' }, 'Norton LifeLock'],
  ['a government domain label is no brand', { fromAddress: 'notice@tax.example.gov' }, null],
  ['YouTube footer link is not an impersonation', { body: 'Follow us: Facebook | Instagram | YouTube' }, null],
  // Near-misses: ordinary uses of the new weak aliases and words near new aliases
  ['gemini the star sign', { body: 'Gemini: a good week for love and friendship.' }, null],
  ['scroll the verb', { body: 'Scroll down to read the rest of the newsletter.' }, null],
  ['ninja in ordinary text', { body: 'She is a Ninja at spreadsheets.' }, null],
  ['endurance in ordinary text', { body: 'Endurance training builds stamina for the marathon.' }, null],
  ['stellar the adjective', { body: 'Stellar results from the team this quarter!' }, null],
  ['proton in physics', { body: 'A Proton carries a positive charge.' }, null],
  ['tether the verb', { body: 'Tether your phone to share the connection.' }, null],
  ['phantom in ordinary text', { body: 'The Phantom of the Opera is on tonight.' }, null],
  ['progressive in politics', { body: 'Progressive voters turned out in large numbers.' }, null],
  ['lido the beach', { body: 'Lido di Venezia was crowded in August.' }, null],
  ['ripple in ordinary text', { body: 'Ripple effects of the strike were felt for weeks.' }, null],
  ['inter in ordinary text', { body: 'Inter venceu o clássico ontem à noite.' }, null],
  ['claro in ordinary text', { body: 'Claro, posso te ligar amanhã.' }, null],
  ['americanas in ordinary text', { body: 'As empresas americanas anunciaram lucros.' }, null],
  ['rituals in ordinary text', { body: 'Rituals of the morning: coffee and a walk.' }, null],
  ['carrefour the crossroads', { body: 'Tournez à droite au carrefour suivant.' }, null],
  ['correo is not Correos', { body: 'Te envío el informe por correo mañana.' }, null],
  ['mercado is not Mercadona', { body: 'Fui ao mercado comprar frutas.' }, null],
  ['essen is not Essent', { subject: 'Essen Sie weiter und nehmen Sie ab' }, null],
  ['public is not Publix', { body: 'The report will be made public on Monday.' }, null],
  ['dunking is not Dunkin', { body: 'The player was dunking all night.' }, null],
  ['Robin Hood the outlaw', { body: 'Robin Hood lived in Sherwood Forest and robbed the rich.' }, null],
  ['Robinhood with trading context', { subject: 'Robinhood: unusual login, verify your account' }, 'Robinhood'],
  ['Dyson the physicist', { body: 'Freeman Dyson wrote about technology without morality.' }, null],
  ['Dyson with prize context', { subject: 'Dyson Airwrap winner: claim your prize' }, 'Dyson'],
  ['decathlon the sport', { body: 'He won Olympic gold in the decathlon in 1952.' }, null],
  ['Macdonald is not McDonald\'s', { body: 'Ramsay Macdonald was prime minister.' }, null],
  ['Klaus Schwab is not Charles Schwab', { body: 'Klaus Schwab spoke at the forum in Davos.' }, null],
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
