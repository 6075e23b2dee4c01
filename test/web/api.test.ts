import { describe, expect, it } from 'vitest';
import { queryString, snapshotExport, snapshotPage } from '../../web/src/api.js';

describe('queryString: how the workspace client writes a query', () => {
  it.each([
    [{}, ''],
    [{ q: '(804) 713-4598' }, '?q=%28804%29+713-4598'],
    [{ q: 'x', kind: undefined, brand: '' }, '?q=x'],
    [{ types: ['MENTIONS', 'IN_BLOCK'], limit: 1 }, '?types=MENTIONS%2CIN_BLOCK&limit=1'],
    [{ types: [], labels: undefined }, ''],
    [{ emails: false, skip: 0 }, '?emails=false&skip=0'],
  ])('%j → %s', (query, expected) => {
    expect(queryString(query)).toBe(expected);
  });
});

describe('snapshot links', () => {
  it.each([
    ['AbCdEfGhIjKlMnOpQrStUvWx', '/s/AbCdEfGhIjKlMnOpQrStUvWx', '/s/AbCdEfGhIjKlMnOpQrStUvWx/export/html'],
    ['a/b?c', '/s/a%2Fb%3Fc', '/s/a%2Fb%3Fc/export/html'],
  ])('%s', (id, page, file) => {
    expect(snapshotPage(id)).toBe(page);
    expect(snapshotExport(id, 'html')).toBe(file);
  });
});
