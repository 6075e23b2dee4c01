import type { Driver } from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { createDbHealth, type DbHealth } from '../../src/server/db-health.js';

/** A stand-in for the driver: only getServerInfo is used by the health probe. */
function fakeDriver(): { driver: Driver; setUp: (up: boolean) => void; probes: () => number } {
  let up = false;
  let probes = 0;
  const driver = {
    getServerInfo: async () => {
      probes += 1;
      if (!up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ServiceUnavailable' });
      return { address: '127.0.0.1:7687' };
    },
  } as unknown as Driver; // only the one method the probe calls
  return { driver, setUp: (value) => (up = value), probes: () => probes };
}

const unavailable = Object.assign(new Error('Could not perform discovery'), { code: 'ServiceUnavailable' });

describe('database health gate', () => {
  let health: DbHealth | undefined;
  afterEach(() => health?.close());

  it('is up until a request fails with an outage error; other errors do not count', () => {
    const { driver } = fakeDriver();
    health = createDbHealth(driver, { probeIntervalMs: 10 });
    expect(health.down).toBe(false);
    expect(health.noteFailure(Object.assign(new Error('bad cypher'), { code: 'Neo.ClientError.Statement.SyntaxError' }))).toBe(false);
    expect(health.down).toBe(false);
    expect(health.noteFailure(unavailable)).toBe(true);
    expect(health.down).toBe(true);
    expect(health.downSince).toBeTypeOf('number');
  });

  it('probes while down and comes back up by itself once the database answers', async () => {
    const fake = fakeDriver();
    const lines: string[] = [];
    health = createDbHealth(fake.driver, { probeIntervalMs: 10, log: (l) => lines.push(l) });
    health.noteFailure(unavailable);
    await new Promise((r) => setTimeout(r, 60));
    expect(health.down).toBe(true);
    expect(fake.probes()).toBeGreaterThanOrEqual(2);
    fake.setUp(true);
    const deadline = Date.now() + 2000;
    while (health.down && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(health.down).toBe(false);
    expect(lines.some((l) => /unreachable/.test(l))).toBe(true);
    expect(lines.some((l) => /reachable again/.test(l))).toBe(true);
    // Up again: no more probing.
    const probesWhenUp = fake.probes();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.probes()).toBe(probesWhenUp);
  });

  it('check() asks the database now and updates the state', async () => {
    const fake = fakeDriver();
    health = createDbHealth(fake.driver, { probeIntervalMs: 1000 });
    expect(await health.check()).toBe(false);
    expect(health.down).toBe(true);
    fake.setUp(true);
    expect(await health.check()).toBe(true);
    expect(health.down).toBe(false);
  });
});
