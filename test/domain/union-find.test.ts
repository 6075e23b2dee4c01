import { describe, expect, it } from 'vitest';
import { UnionFind } from '../../src/domain/index.js';

describe('UnionFind', () => {
  it('starts with singletons and joins sets', () => {
    const sets = new UnionFind(2);
    const ids = Array.from({ length: 6 }, () => sets.add());
    expect(ids).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sets.length).toBe(6);
    expect(new Set(ids.map((id) => sets.find(id))).size).toBe(6);
    sets.union(0, 1);
    sets.union(2, 3);
    sets.union(1, 3);
    expect(sets.find(0)).toBe(sets.find(3));
    expect(sets.find(4)).not.toBe(sets.find(0));
    expect(sets.componentSize(2)).toBe(4);
    expect(sets.componentSize(5)).toBe(1);
    expect(sets.union(0, 2)).toBe(sets.find(0));
    expect(sets.componentSize(0)).toBe(4);
  });

  it('grows past its capacity and keeps a long chain in one set', () => {
    const sets = new UnionFind(1);
    const n = 10_000;
    for (let i = 0; i < n; i += 1) sets.add();
    for (let i = 1; i < n; i += 1) sets.union(i - 1, i);
    expect(sets.componentSize(0)).toBe(n);
    expect(sets.find(n - 1)).toBe(sets.find(0));
  });
});
