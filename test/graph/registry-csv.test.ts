import { describe, expect, it } from 'vitest';
import { lineTypeOfCategory, longestPrefixMatch, parseCsv, parseRegistryCsv } from '../../src/graph/registry-csv.js';

describe('lineTypeOfCategory', () => {
  it.each([
    ['IPES', 'voip'],
    ['ipes', 'voip'],
    ['WIRELESS', 'wireless'],
    ['PCS', 'wireless'],
    ['CMRS', 'wireless'],
    ['ILEC', 'landline'],
    ['CLEC', 'landline'],
    ['RBOC', 'landline'],
    ['', 'unknown'],
    ['PAGING', 'unknown'],
  ])('%s → %s', (category, expected) => expect(lineTypeOfCategory(category)).toBe(expected));
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas in fields and CRLF', () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });
});

describe('parseRegistryCsv', () => {
  it('reads a thousands-block report (NPA-NXX + X) and a CO code report (NPA, NXX, no X)', () => {
    const pooled = parseRegistryCsv('State,NPA-NXX,X,OCN,Company,Category\nVA,804-713,4,1234,"Sinch, Inc.",IPES\nVA,804-713,,9206,Verizon Virginia,ILEC\n');
    expect(pooled.rows).toEqual([
      { prefix: '+18047134', carrier: 'Sinch, Inc.', ocn: '1234', category: 'IPES', lineType: 'voip' },
      { prefix: '+1804713', carrier: 'Verizon Virginia', ocn: '9206', category: 'ILEC', lineType: 'landline' },
    ]);
    const co = parseRegistryCsv('NPA,NXX,OCN,Company,OCN Type\n212,555,6664,T-Mobile USA,PCS\n');
    expect(co.rows).toEqual([{ prefix: '+1212555', carrier: 'T-Mobile USA', ocn: '6664', category: 'PCS', lineType: 'wireless' }]);
  });

  it('skips bad lines with a reason and rejects a header without the needed columns', () => {
    const result = parseRegistryCsv('NPA-NXX,X,Company\n80-713,,A\n804-713,Z,B\n804-714,,\n804-715,A,C\n');
    expect(result.rows.map((r) => r.prefix)).toEqual(['+1804715']);
    expect(result.skipped.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(() => parseRegistryCsv('Foo,Bar\n1,2\n')).toThrow(/lacks NPA-NXX.*Company/);
  });

  it('skips rows whose key would not fit an index: a prefix longer than E.164, a company name over 200 characters', () => {
    const result = parseRegistryCsv(`Prefix,Company\n+${'1'.repeat(9000)},A\n+1804713,${'C'.repeat(9000)}\n+1804713,${'C'.repeat(200)}\n+1${'2'.repeat(14)},B\n`);
    expect(result.rows.map((r) => [r.prefix.length, r.carrier.length])).toEqual([[8, 200], [16, 1]]);
    expect(result.skipped).toEqual([
      { line: 2, reason: 'prefix of 9000 digits (an E.164 number has at most 15)' },
      { line: 3, reason: 'company name of 9000 characters (at most 200)' },
    ]);
  });

  it('finds the longest matching prefix', () => {
    const rows = new Map([
      ['+1804713', { prefix: '+1804713', name: 'block holder' }],
      ['+18047134', { prefix: '+18047134', name: 'pooled' }],
    ]);
    expect(longestPrefixMatch('+18047134598', rows)?.name).toBe('pooled');
    expect(longestPrefixMatch('+18047135598', rows)?.name).toBe('block holder');
    expect(longestPrefixMatch('+18047145598', rows)).toBeUndefined();
  });
});
