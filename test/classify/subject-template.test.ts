import { describe, expect, it } from 'vitest';
import { subjectTemplate } from '../../src/classify/subject-template.js';

describe('subjectTemplate', () => {
  it.each([
    ['Order #A1234 confirmed', 'Order #{id} confirmed'],
    ['Invoice INV-48213 for $499.99 due March 3, 2024', 'Invoice INV-{id} for {amount} due {date}'],
    ['ENC: Extrato IR - 11/10/2023 22:29', 'Extrato IR - {date} {time}'],
    ['Re: [Request Updated] Ticket: 756391-5449-286', '[Request Updated] Ticket: {id}'],
    ['Call +1 (888) 555-0142 now', 'Call {phone} now'],
    ['Your_transfer_0.7495_BTC', 'Your transfer {amount}'],
    ['Resgate seus pontos. ID: 458974947', 'Resgate seus pontos. ID: {id}'],
    ['Dear John Smith, your account is on hold', 'Dear {name}, your account is on hold'],
    ['Dear Customer, your account is on hold', 'Dear Customer, your account is on hold'],
    ['victim@example.com, please verify', '{email}, please verify'],
    ['Your Norton renewal 🎉🎉', 'Your Norton renewal'],
    ['Fw: Fwd: RE: Invoice 2231', 'Invoice {id}'],
    ['Notificacao de Credito-HDvRHTDRqwS7abE', 'Notificacao de Credito-{id}'],
    ['Seu código: XkQpLmRtVwZbN expira', 'Seu codigo: {token} expira'],
  ])('%s → %s', (subject, template) => {
    expect(subjectTemplate(subject)).toBe(template);
  });

  it('gives the same template to subjects that differ only in variable parts', () => {
    expect(subjectTemplate('Order #A1234 confirmed')).toBe(subjectTemplate('Order #B9876 confirmed'));
    expect(subjectTemplate('Your $399.99 Norton renewal on 2024-03-01')).toBe(
      subjectTemplate('Your $449.00 Norton renewal on 2024-04-17'),
    );
    expect(subjectTemplate('Pаyment #X77 received')).toBe(subjectTemplate('Payment #Q12 received'));
  });

  it('keeps different wording apart', () => {
    expect(subjectTemplate('Order #A1234 confirmed')).not.toBe(subjectTemplate('Order #A1234 cancelled'));
  });

  it('returns null for no subject', () => {
    expect(subjectTemplate(null)).toBeNull();
    expect(subjectTemplate('')).toBeNull();
    expect(subjectTemplate('  🎉 ')).toBeNull();
  });
});
