import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFile, splitStatements } from '../../src/graph/schema.js';

describe('schema.cypher', () => {
  const statements = splitStatements(readFileSync(schemaFile, 'utf8'));

  it('splits statements and drops comment lines', () => {
    expect(splitStatements('// a\nRETURN 1;\n// b\nRETURN 2;')).toEqual(['RETURN 1', 'RETURN 2']);
  });

  it('has a uniqueness constraint for every model key of DESIGN.md section 2', () => {
    const keys = ['Email.id', 'PhoneNumber.e164', 'DidBlock.prefix', 'Brand.name', 'Lure.key', 'AttachmentType.name', 'Attachment.sha256', 'Carrier.name', 'Domain.name', 'Cluster.id', 'Snapshot.id'];
    for (const key of keys) {
      const [label, property] = key.split('.');
      expect(statements.some((s) => s.includes(`(n:${label})`) && s.includes(`REQUIRE n.${property} IS UNIQUE`)), key).toBe(true);
    }
  });

  it('is idempotent by construction (every statement IF NOT EXISTS)', () => {
    for (const statement of statements) expect(statement).toMatch(/IF NOT EXISTS/);
  });

  it('has a full-text index on email subjects', () => {
    expect(statements.some((s) => /FULLTEXT INDEX .* FOR \(n:Email\) ON EACH \[n\.subject\]/.test(s))).toBe(true);
  });
});
