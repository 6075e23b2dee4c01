/**
 * Watches the graph for changes by reading its fingerprint (src/graph/graph-version.ts) every `intervalMs`
 * and calls `onChange` when it differs from the last one. A failed read forgets the last fingerprint, so
 * the first good read after an outage counts as a change: the database may have been restored or rewritten
 * while it was away. Reads never overlap, and the timer never keeps the process alive.
 */
export interface GraphWatch {
  /** Reads the fingerprint now; resolves true when it changed (and `onChange` ran). */
  checkNow(): Promise<boolean>;
  close(): void;
}

export function watchGraph(readFingerprint: () => Promise<string>, onChange: () => void, options: { intervalMs: number }): GraphWatch {
  let last: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<boolean> | undefined;

  const check = async (): Promise<boolean> => {
    let current: string | undefined;
    try {
      current = await readFingerprint();
    } catch {
      current = undefined;
    }
    // The first good read (at start, or after a failed one) counts as a change too: answers kept before it
    // cannot be tied to a known state of the graph.
    const changed = current !== undefined && current !== last;
    last = current;
    if (changed) onChange();
    return changed;
  };

  const checkNow = (): Promise<boolean> => {
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = (): void => {
    if (closed) return;
    timer = setTimeout(() => {
      void checkNow().finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  void checkNow().finally(schedule);
  return {
    checkNow,
    close: () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
