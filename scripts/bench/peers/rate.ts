// Throughput with start-up cancelled: the same work at two sizes, rate = Δ(passes) / Δ(seconds).

/** One timed run of `n` units of work: how many forward passes it made and how long it took. */
export type Timed = (n: number) => Promise<{ passes: number; seconds: number }>;

export interface Rate {
  /** Forward passes (one image through one model) per second. */
  perSecond: number;
  small: { passes: number; seconds: number };
  large: { passes: number; seconds: number };
}

/** Runs `run(small)` then `run(large)` (after one warm-up of `small`) and differences them. */
export async function rate(run: Timed, small: number, large: number): Promise<Rate> {
  await run(small); // compilation, caches, first allocations
  const a = await run(small);
  const b = await run(large);
  return { perSecond: (b.passes - a.passes) / (b.seconds - a.seconds), small: a, large: b };
}

/** Wall-clock seconds of `f`. */
export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}
