import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import type { Config } from '../../src/config.js';
import { connect } from '../../src/graph/driver.js';
import { applySchema } from '../../src/graph/schema.js';

/** Connection settings of the test run's real Neo4j (started by test/setup/neo4j-global.ts). */
export function testNeo4jConfig(): Config['neo4j'] {
  const db = inject('neo4j');
  return { uri: db.uri, user: db.user, password: db.password, database: undefined, connectTimeoutMs: 8000 };
}

export async function testDriver(): Promise<Driver> {
  const { driver } = await connect(testNeo4jConfig());
  return driver;
}

/** Empties the database and applies the schema: each test file starts from a known state. */
export async function resetGraph(driver: Driver): Promise<void> {
  // CALL { … } IN TRANSACTIONS only runs in an auto-commit transaction, hence session.run.
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  await applySchema(driver);
}
