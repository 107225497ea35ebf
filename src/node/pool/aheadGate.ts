import { POOL_AHEAD } from './protocol';

/** A pool worker's side of POOL_AHEAD: which of its members the main thread has taken, and a wait for the one that lets member i start. */
export interface AheadGate {
  /** The main thread has taken member i's result. */
  taken(i: number): void;
  /** Resolves once member i may start: its worker's member `ahead` turns back (i − ahead·count) has been taken. */
  before(i: number): Promise<void>;
}

/** The gate of the worker that runs every `count`-th member (auditPool.ts shards them so). */
export function aheadGate(count: number, ahead = POOL_AHEAD): AheadGate {
  const done = new Set<number>();
  let wake: (() => void) | null = null;
  return {
    taken(i) {
      done.add(i);
      const w = wake;
      wake = null;
      w?.();
    },
    async before(i) {
      const back = i - ahead * count;
      while (back >= 0 && !done.has(back)) await new Promise<void>((resolve) => (wake = resolve));
    },
  };
}
