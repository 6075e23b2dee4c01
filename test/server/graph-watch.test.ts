import { describe, expect, it } from 'vitest';
import { watchGraph } from '../../src/server/graph-watch.js';

/** A fingerprint source the test steps through: each value is a fingerprint, an Error a failed read. */
function source(values: Array<string | Error>): { read: () => Promise<string>; reads: () => number } {
  let i = 0;
  return {
    read: async () => {
      const value = values[Math.min(i, values.length - 1)] as string | Error;
      i += 1;
      if (value instanceof Error) throw value;
      return value;
    },
    reads: () => i,
  };
}

describe('watchGraph', () => {
  it('reports the first reading, then only changes', async () => {
    const s = source(['1:10:20', '1:10:20', '2:10:20', '2:10:20', '2:11:20']);
    let changes = 0;
    // A long interval: the test drives the readings with checkNow.
    const watch = watchGraph(s.read, () => (changes += 1), { intervalMs: 60_000 });
    try {
      // The first call joins the reading the watcher starts with: a first reading counts as a change.
      expect(await watch.checkNow()).toBe(true);
      expect(changes).toBe(1);
      expect(await watch.checkNow()).toBe(false);
      expect(await watch.checkNow()).toBe(true);
      expect(await watch.checkNow()).toBe(false);
      expect(await watch.checkNow()).toBe(true);
      expect(changes).toBe(3);
    } finally {
      watch.close();
    }
  });

  it('counts the first good reading after a failed one as a change, even if equal to the last', async () => {
    const s = source(['5:1:1', new Error('Neo4j is down'), '5:1:1', '5:1:1']);
    let changes = 0;
    const watch = watchGraph(s.read, () => (changes += 1), { intervalMs: 60_000 });
    try {
      expect(await watch.checkNow()).toBe(true);
      expect(await watch.checkNow()).toBe(false); // the failed read
      expect(changes).toBe(1);
      expect(await watch.checkNow()).toBe(true);
      expect(await watch.checkNow()).toBe(false);
      expect(changes).toBe(2);
    } finally {
      watch.close();
    }
  });

  it('never runs two readings at once', async () => {
    let running = 0;
    let most = 0;
    const read = async (): Promise<string> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return 'same';
    };
    const watch = watchGraph(read, () => undefined, { intervalMs: 5 });
    try {
      await Promise.all([watch.checkNow(), watch.checkNow(), watch.checkNow()]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(most).toBe(1);
    } finally {
      watch.close();
    }
  });

  it('reads again every interval by itself', async () => {
    const s = source(['a', 'a', 'b', 'b', 'b']);
    let changes = 0;
    const watch = watchGraph(s.read, () => (changes += 1), { intervalMs: 10 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(s.reads()).toBeGreaterThanOrEqual(4);
      expect(changes).toBe(2);
    } finally {
      watch.close();
    }
  });
});
