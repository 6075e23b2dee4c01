import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toE164 } from '../../src/domain/index.js';
import { convertParam, listItems, parseParamType } from '../../src/hunts/params.js';

const options = { defaultRegion: 'US', today: new Date('2026-03-31T15:00:00Z') };
const convert = (type: string, text: string) => convertParam('p', parseParamType(type)!, text, options);

describe('convertParam', () => {
  it.each([
    ['(804) 713-4598', '+18047134598'],
    ['804.713.4598', '+18047134598'],
    ['+1 804 713 4598', '+18047134598'],
    ['1-804-713-4598', '+18047134598'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('phone %s -> %s', (text, e164) => {
    expect(convert('phone', text)).toEqual({ cypher: e164, display: e164 });
  });

  it('reads national numbers in the configured region', () => {
    expect(convertParam('p', { scalar: 'phone', list: false }, '020 7946 0958', { defaultRegion: 'GB' }).display).toBe('+442079460958');
  });

  it('converts integers to Neo4j integers, floats, booleans and strings', () => {
    const i = convert('integer', ' 42 ');
    expect(neo4j.isInt(i.cypher)).toBe(true);
    expect(i.display).toBe(42);
    expect(convert('float', '0.25')).toEqual({ cypher: 0.25, display: 0.25 });
    expect(convert('boolean', 'yes').cypher).toBe(true);
    expect(convert('boolean', 'false').cypher).toBe(false);
    expect(convert('string', " it's $x ").cypher).toBe(" it's $x ");
  });

  it('converts dates (and today) to Neo4j dates', () => {
    const d = convert('date', '2026-03-05');
    expect(neo4j.isDate(d.cypher)).toBe(true);
    expect(String(d.cypher)).toBe('2026-03-05');
    expect(convert('date', 'today').display).toBe('2026-03-31');
  });

  it('converts lists item by item and null to null', () => {
    expect(convert('list<phone>', '804-713-4598, +1 804 713 4601').cypher).toEqual(['+18047134598', '+18047134601']);
    expect(convert('list<string>', '').cypher).toEqual([]);
    expect(convert('integer', 'null')).toEqual({ cypher: null, display: null });
  });

  it.each([
    ['integer', '1.5'],
    ['integer', '1e3'],
    ['integer', '99999999999999999999'],
    ['float', 'abc'],
    ['boolean', 'maybe'],
    ['date', '2026-02-30'],
    ['date', '03/05/2026'],
    ['phone', "1' OR 1=1"],
    ['phone', '12'],
    ['list<integer>', '1,x'],
  ])('refuses %s %s with a clear error', (type, text) => {
    expect(() => convert(type, text)).toThrowError(expect.objectContaining({ code: 'bad_param', status: 400 }));
  });

  it('knows its types', () => {
    expect(parseParamType('list<phone>')).toEqual({ scalar: 'phone', list: true });
    expect(parseParamType('number')).toBeUndefined();
    expect(parseParamType('list<list<string>>')).toBeUndefined();
    expect(toE164('not a number', 'US')).toBeUndefined();
  });
});

describe('list parameters given as JSON (issue 16: an item holding a comma stays one item)', () => {
  it.each([
    ['list<string>', '["a,b","c"]', ['a,b', 'c']],
    ['list<string>', ' [" spaced ", "x"] ', [' spaced ', 'x']],
    ['list<string>', '[]', []],
    ['list<string>', 'a, b', ['a', 'b']],
    ['list<integer>', '[1, "2"]', [1, 2]],
    ['list<boolean>', '[true, "no"]', [true, false]],
    ['list<phone>', '["(804) 713-4598", "+1 804 713 4601"]', ['+18047134598', '+18047134601']],
  ])('%s %s', (type, text, display) => {
    expect(convert(type, text).display).toEqual(display);
  });

  it.each([
    ['[a,b]', /starts with \[ but is not a JSON list/],
    ['["a", ["b"]]', /item 2 of the list is \["b"\]/],
    ['["a", null]', /item 2 of the list is null/],
    ['[{"x":1}]', /item 1 of the list/],
  ])('refuses %s with a clear error', (text, message) => {
    expect(() => listItems('names', text)).toThrowError(expect.objectContaining({ code: 'bad_param', status: 400, message: expect.stringMatching(message) }));
  });

  it('keeps a one-value string starting with [ as it is', () => {
    expect(convert('string', '["a,b"]').display).toBe('["a,b"]');
  });
});
