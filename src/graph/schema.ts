import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { writeRows } from './driver.js';

export const schemaFile = fileURLToPath(new URL('../../cypher/schema.cypher', import.meta.url));

/** Splits a .cypher file into statements: `;` ends a statement, `//` starts a comment line. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Applies cypher/schema.cypher. Every statement is IF NOT EXISTS, so this is idempotent; schema commands
 * cannot share a transaction with each other, hence one transaction each. Waits for indexes to come online
 * so that a load started right after sees them.
 */
export async function applySchema(driver: Driver, database?: string): Promise<{ statements: number }> {
  const statements = splitStatements(await readFile(schemaFile, 'utf8'));
  for (const statement of statements) {
    await writeRows(driver, statement, {}, database);
  }
  await writeRows(driver, 'CALL db.awaitIndexes(300)', {}, database);
  return { statements: statements.length };
}
