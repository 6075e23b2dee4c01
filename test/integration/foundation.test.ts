import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, readRows, writeRows } from '../../src/graph/driver.js';
import { applySchema } from '../../src/graph/schema.js';
import { graphStatus } from '../../src/graph/status.js';
import { freePort, runningPid, startLocalDb, stopLocalDb } from '../../src/localdb/process.js';
import { resetGraph, testDriver, testNeo4jConfig } from '../helpers/neo4j.js';

describe('the real Neo4j over Bolt', () => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await testDriver();
    await resetGraph(driver);
  });
  afterAll(async () => driver.close());

  it('is Neo4j 5.26 Community', async () => {
    const status = await graphStatus(driver);
    expect(status.version).toMatch(/^5\.26\./);
    expect(status.edition).toBe('community');
  });

  it('writes and reads nodes and relationships with parameters', async () => {
    await writeRows(driver, 'UNWIND $rows AS row MERGE (e:Email {id: row.id}) SET e.subject = row.subject MERGE (p:PhoneNumber {e164: row.e164}) MERGE (e)-[:MENTIONS {where: row.where}]->(p)', {
      rows: [
        { id: 'e1', subject: 'Order confirmed', e164: '+18047134598', where: ['subject'] },
        { id: 'e2', subject: 'Renewal', e164: '+18047134598', where: ['body'] },
      ],
    });
    const rows = await readRows<{ e164: string; emails: number }>(driver, 'MATCH (e:Email)-[:MENTIONS]->(p:PhoneNumber) RETURN p.e164 AS e164, count(e) AS emails');
    expect(rows).toEqual([{ e164: '+18047134598', emails: 2 }]);
    const status = await graphStatus(driver);
    expect(status.nodeCounts.Email).toBe(2);
    expect(status.nodeCounts.PhoneNumber).toBe(1);
  });

  it('applies the schema idempotently and its constraints reject a duplicate key', async () => {
    await applySchema(driver);
    await applySchema(driver);
    await writeRows(driver, 'CREATE (:PhoneNumber {e164: $e164})', { e164: '+15550001111' });
    await expect(writeRows(driver, 'CREATE (:PhoneNumber {e164: $e164})', { e164: '+15550001111' })).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
  });

  it('gives a one-line error within 10 s for a wrong password', async () => {
    const started = Date.now();
    const error = await connect({ ...testNeo4jConfig(), password: 'definitely-wrong' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({ code: 'neo4j_auth' });
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).toMatch(/wrong NEO4J_USER or NEO4J_PASSWORD/);
  });

  it('gives a one-line error within 10 s for a URI where nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await connect({ ...testNeo4jConfig(), uri: `bolt://127.0.0.1:${port}`, connectTimeoutMs: 3000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({ code: 'neo4j_unavailable' });
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('the local launcher', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-launcher-'));
  afterAll(async () => {
    await stopLocalDb(dataDir, 10);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second copy, reports down after a kill, and refuses a taken port', async () => {
    const port = await freePort();
    const options = { port, dataDir, heap: '512m', pageCache: '64m', startTimeoutS: 240, user: 'neo4j', password: 'callhound-test' };
    const first = await startLocalDb(options);
    expect(first.alreadyRunning).toBe(false);
    const second = await startLocalDb(options);
    expect(second).toMatchObject({ alreadyRunning: true, pid: first.pid });

    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'callhound-launcher-other-'));
    await expect(startLocalDb({ ...options, dataDir: otherDir })).rejects.toMatchObject({ code: 'port_taken' });
    rmSync(otherDir, { recursive: true, force: true });

    process.kill(first.pid, 'SIGKILL');
    // The kernel takes the process down asynchronously; give a loaded machine a few seconds.
    for (let i = 0; i < 50 && runningPid(dataDir) !== undefined; i++) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runningPid(dataDir)).toBeUndefined();
    await expect(connect({ uri: first.uri, user: 'neo4j', password: 'callhound-test', database: undefined, connectTimeoutMs: 2000 })).rejects.toMatchObject({ code: 'neo4j_unavailable' });
  });
});
