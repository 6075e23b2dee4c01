import { describe, expect, it } from 'vitest';
import { matchAnyByKey, matchByKey, neighbourLabel, parseModelKey, relationshipTypes } from '../../src/server/keys.js';

describe('model keys', () => {
  it('parses Label:value, keeping colons in the value', () => {
    expect(parseModelKey('PhoneNumber:+18047134598')).toEqual({ label: 'PhoneNumber', value: '+18047134598' });
    expect(parseModelKey('Email:<a:b@c>')).toEqual({ label: 'Email', value: '<a:b@c>' });
  });

  it.each(['', 'PhoneNumber', 'PhoneNumber:', 'Person:bob', 'Snapshot:abc', ':x', `Brand:${'x'.repeat(301)}`])('refuses %j with bad_key (400)', (text) => {
    expect(() => parseModelKey(text)).toThrow(expect.objectContaining({ code: 'bad_key', status: 400 }));
  });

  it('matches by the key property with the value as a parameter', () => {
    expect(matchByKey('PhoneNumber')).toBe('MATCH (n:PhoneNumber {e164: $value})');
    expect(matchByKey('Lure', 'x', 'k')).toBe('MATCH (x:Lure {key: $k})');
    expect(matchAnyByKey('Email')).toBe('MATCH (n:Email) WHERE n.id IN $values');
  });

  it('knows the label across each relationship type', () => {
    expect(neighbourLabel('PhoneNumber', 'MENTIONS')).toBe('Email');
    expect(neighbourLabel('Email', 'MENTIONS')).toBe('PhoneNumber');
    expect(neighbourLabel('Brand', 'IN_BLOCK')).toBeNull();
    for (const type of relationshipTypes) expect(neighbourLabel('Email', type) ?? neighbourLabel('PhoneNumber', type) ?? neighbourLabel('Attachment', type)).not.toBeNull();
  });
});
