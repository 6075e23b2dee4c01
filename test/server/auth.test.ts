import { describe, expect, it } from 'vitest';
import { generateToken } from '../../src/server/auth.js';
import { newSnapshotId } from '../../src/snapshots/store.js';

describe('secrets', () => {
  it('generates 256-bit access tokens and 144-bit snapshot ids, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    const ids = new Set(Array.from({ length: 200 }, newSnapshotId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(id, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });
});
