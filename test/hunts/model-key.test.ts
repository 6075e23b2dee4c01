import { describe, expect, it } from 'vitest';
import { modelKey, parseModelKey } from '../../src/hunts/model-key.js';

describe('modelKey', () => {
  it.each([
    [['PhoneNumber'], { e164: '+18047134598', country: 'US' }, 'PhoneNumber:+18047134598'],
    [['Email'], { id: 'ab12', subject: 's' }, 'Email:ab12'],
    [['Brand'], { name: 'PayPal' }, 'Brand:PayPal'],
    [['DidBlock'], { prefix: '+1804713' }, 'DidBlock:+1804713'],
    [['Lure'], { key: 'invoice·urgency·call-phone' }, 'Lure:invoice·urgency·call-phone'],
    [['Attachment'], { sha256: 'ff' }, 'Attachment:ff'],
    [['AttachmentType'], { name: 'heic' }, 'AttachmentType:heic'],
    [['Cluster'], { id: 'c-1' }, 'Cluster:c-1'],
    [['Carrier'], { name: 'Sinch' }, 'Carrier:Sinch'],
    [['Domain'], { name: 'x.example' }, 'Domain:x.example'],
  ])('%j %j -> %s', (labels, properties, key) => {
    expect(modelKey(labels, properties)).toBe(key);
  });

  it('is undefined without a keyed label or key value', () => {
    expect(modelKey(['Other'], { id: 1 })).toBeUndefined();
    expect(modelKey(['PhoneNumber'], {})).toBeUndefined();
  });

  it('parses a key back, values with colons included', () => {
    expect(parseModelKey('Email:<a:b>')).toEqual({ label: 'Email', property: 'id', value: '<a:b>' });
    expect(parseModelKey('Nope:x')).toBeUndefined();
  });
});
