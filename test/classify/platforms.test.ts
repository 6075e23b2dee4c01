import { describe, expect, it } from 'vitest';
import { detectPlatform, type DeliveryEvidence } from '../../src/classify/platforms.js';

const none: DeliveryEvidence = { from: null, sender: null, returnPath: null, messageId: null, dkimDomains: [], xMailer: null, listUnsubscribeHosts: [], calendarProdIds: [] };

describe('detectPlatform: the genuine service behind a notification, from headers its servers write', () => {
  const cases: Array<[string, Partial<DeliveryEvidence>, string | null]> = [
    ['nothing: no platform', {}, null],
    ['Google Calendar invitation (Sender + google.com DKIM)', { from: 'scammer@shop.us', sender: 'calendar-notification@google.com', messageId: 'calendar-980e@google.com', dkimDomains: ['google.com', 'shop-us.gappssmtp.com'] }, 'Google Calendar'],
    ['Google Calendar by its Message-ID alone, signed', { from: 'scammer@shop.us', messageId: 'calendar-1f2e@google.com', dkimDomains: ['google.com'] }, 'Google Calendar'],
    ['a forged calendar Sender without Google\'s signature', { from: 'x@evil.test', sender: 'calendar-notification@google.com', messageId: 'abc@evil.test' }, null],
    ['Google Drive share', { from: 'drive-shares-noreply@google.com', dkimDomains: ['google.com'], messageId: 'autogen-java-1@google.com' }, 'Google Drive'],
    ['personal Gmail is not a platform', { from: 'someone@gmail.com', dkimDomains: ['gmail.com'], messageId: 'CAF1@mail.gmail.com' }, null],
    ['Firebase auth mail', { from: 'noreply@app-123.firebaseapp.com', dkimDomains: ['firebaseapp.com'], messageId: '0000@google.com' }, 'Firebase'],
    ['PayPal invoice', { from: 'service@paypal.com', dkimDomains: ['paypal.com'], messageId: 'INV2@paypal.com' }, 'PayPal'],
    ['PayPal in the From header only', { from: 'service@paypal.com', messageId: 'x@cheap-mailer.test', returnPath: 'b@cheap-mailer.test' }, null],
    ['a look-alike domain is not PayPal', { from: 'service@paypal.com.evil.net', dkimDomains: ['paypal.com.evil.net'] }, null],
    ['QuickBooks invoice', { from: 'quickbooks@notification.intuit.com', dkimDomains: ['notification.intuit.com'] }, 'QuickBooks'],
    ['DocuSign envelope', { from: 'dse@docusign.net', dkimDomains: ['docusign.net'] }, 'DocuSign'],
    ['Zendesk ticket reply from an abused helpdesk', { from: 'support@kandypens.com', dkimDomains: ['zendesk.com'], messageId: '01Y3@zendesk.com', xMailer: 'Zendesk Mailer' }, 'Zendesk'],
    ['ActiveCampaign sign-up mail', { from: 'hi@shop.com', dkimDomains: ['shop.com', 'acems1.com'], messageId: '2025.swift@shop.activehosted.com', xMailer: 'ActiveCampaign Mailer' }, 'ActiveCampaign'],
    ['two unsigned headers of one platform', { from: 'booking@email.salonized.com', returnPath: 'bounce@email.salonized.com', messageId: '2023@email.salonized.com' }, 'Salonized'],
    ['one unsigned header is not enough', { from: 'x@email.salonized.com' }, null],
    ['Outlook invitation: its PRODID, signed by Microsoft\'s servers', { from: 'x@contoso.onmicrosoft.com', dkimDomains: ['contoso.onmicrosoft.com'], calendarProdIds: ['Microsoft Exchange Server 2010'] }, 'Outlook Calendar'],
    ['Outlook invitation from a custom domain: Exchange Online numbered it', { from: 'x@contoso.test', dkimDomains: ['contoso.test'], messageId: 'BN8PR11MB1234@BN8PR11MB1234.namprd11.prod.outlook.com', calendarProdIds: ['Microsoft Exchange Server 2010'] }, 'Outlook Calendar'],
    ['an .ics made in desktop Outlook, sent from the criminal\'s own server', { from: 'x@evil.test', dkimDomains: ['evil.test'], calendarProdIds: ['-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN'] }, null],
    ['ordinary outlook.com mail is no calendar platform', { from: 'x@outlook.com', dkimDomains: ['outlook.com'], messageId: 'abc@outlook.com' }, null],
    ['a bulk relay is not a platform', { from: 'news@school.br', dkimDomains: ['sendgrid.net', 'school.br'], messageId: 'abc@geopod-ismtpd-1' }, null],
  ];
  it.each(cases)('%s', (_name, evidence, platform) => {
    expect(detectPlatform({ ...none, ...evidence })?.name ?? null).toBe(platform);
  });

  it('names the brands the platform explains and whether they may stand alone', () => {
    expect(detectPlatform({ ...none, from: 'service@paypal.com', dkimDomains: ['paypal.com'] })).toMatchObject({ brands: ['PayPal'], brandWhenAlone: true });
    expect(detectPlatform({ ...none, sender: 'calendar-notification@google.com', dkimDomains: ['google.com'] })).toMatchObject({ brands: ['Google'], brandWhenAlone: false });
  });
});
