import { describe, expect, it } from 'vitest';
import { parseHunt } from '../../src/hunts/hunt-file.js';
import { loadHunts } from '../../src/hunts/loader.js';

const convert = { defaultRegion: 'US' };
const parse = (source: string, name = 'h') => parseHunt(name, `/x/${name}.cypher`, source, 'user', convert);

describe('parseHunt', () => {
  it('reads the header: title, multi-line description, tags, result and typed params', () => {
    const { hunt, problems } = parse(
      [
        '// @title Siblings',
        '// @description First line',
        '// second line',
        '// @tags block, rotation',
        '// @result graph',
        '// @param number phone required -- the number',
        '// @param window integer = 100 -- distance',
        '// @param days list<date> = 2026-03-01,2026-03-02 -- days',
        '',
        'MATCH (p:PhoneNumber {e164: $number}) WHERE $window > 0 AND p.firstSeen IN $days',
        'RETURN p;',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(hunt).toMatchObject({
      title: 'Siblings',
      description: 'First line second line',
      tags: ['block', 'rotation'],
      result: 'graph',
      statementLine: 10,
      statement: 'MATCH (p:PhoneNumber {e164: $number}) WHERE $window > 0 AND p.firstSeen IN $days\nRETURN p',
    });
    expect(hunt?.params.map((p) => [p.name, p.type, p.defaultText, p.required, p.help, p.line])).toEqual([
      ['number', { scalar: 'phone', list: false }, undefined, true, 'the number', 6],
      ['window', { scalar: 'integer', list: false }, '100', false, 'distance', 7],
      ['days', { scalar: 'date', list: true }, '2026-03-01,2026-03-02', false, 'days', 8],
    ]);
  });

  it.each([
    ['unknown type', '// @title T\n// @result table\n// @param n number = 1\nRETURN $n', 3, /unknown type "number"/],
    ['missing default', '// @title T\n// @result table\n// @param n integer\nRETURN $n', 3, /missing default/],
    ['bad default', '// @title T\n// @result table\n// @param n integer = ten\nRETURN $n', 3, /bad default: parameter n: "ten" is not an integer/],
    ['undeclared parameter', '// @title T\n// @result table\nMATCH (p)\nWHERE p.x = $nope RETURN p', 4, /\$nope is used but not declared/],
    ['two statements', '// @title T\n// @result table\nRETURN 1;\nRETURN 2', 3, /only one statement/],
    ['no title', '// @result table\nRETURN 1', 1, /missing @title/],
    ['bad result', '// @title T\n// @result chart\nRETURN 1', 2, /@result must be graph or table/],
    ['unknown directive', '// @title T\n// @result table\n// @author me\nRETURN 1', 3, /unknown header directive @author/],
    ['no statement', '// @title T\n// @result table\n', 3, /no Cypher statement/],
    ['write clause', '// @title T\n// @result table\nMATCH (p)\n\nDETACH DELETE p', 5, /DELETE is not allowed/],
  ])('reports %s with its line', (_what, source, line, message) => {
    const { hunt, problems } = parse(source);
    expect(hunt).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: '/x/h.cypher', line });
    expect(problems[0]?.message).toMatch(message);
  });

  it('accepts null defaults and semicolons inside strings', () => {
    const { hunt, problems } = parse("// @title T\n// @result table\n// @param asOf date = null -- day\nRETURN coalesce($asOf, date()) AS d, 'a;b' AS s;\n");
    expect(problems).toEqual([]);
    expect(hunt?.params[0]?.defaultText).toBe('null');
  });

  it('refuses bad names', () => {
    expect(parse('// @title T\n// @result table\nRETURN 1', 'Bad Name').problems[0]?.message).toMatch(/lower-case letters/);
  });
});

describe('the shipped library', () => {
  it('parses every file in cypher/hunts without a problem, with the hunts the issue lists', async () => {
    const catalog = await loadHunts(convert);
    expect(catalog.problems).toEqual([]);
    expect([...catalog.hunts.keys()].sort()).toEqual([
      'attachment-only-numbers',
      'block-siblings',
      'blocks-across-brands',
      'calendar-invitation-numbers',
      'cluster-of-number',
      'clusters-by-size',
      'clusters-recent',
      'consecutive-reuse',
      'cool-down-returns',
      'lifespan-by-brand',
      'new-numbers-in-known-places',
      'number-across-attachment-types',
      'number-across-brands',
      'number-across-subjects',
      'number-neighbourhood',
      'top-numbers-per-day',
    ]);
  });
});
