// Throughput with start-up cancelled: the same work at two sizes, rate = Δ(passes) / Δ(seconds).

/** One timed run of `n` units of work: how many forward passes it made and how long it took (wall clock; `cpu`: this process's CPU seconds). */
export type Timed = (n: number) => Promise<{ passes: number; seconds: number; cpu?: number; engineSeconds?: number }>;

export interface Rate {
  /** Forward passes (one image through one model) per second. */
  perSecond: number;
  /** Forward passes per CPU second of this process (all its threads): less sensitive to other load on the machine. */
  perCpuSecond: number;
  /** Δ(seconds inside the engine's forward passes) ÷ Δ(seconds), when the run reports them. */
  engineShare?: number;
  small: { passes: number; seconds: number };
  large: { passes: number; seconds: number };
}

/** Runs `run(small)` then `run(large)` (after one warm-up of `small`) and differences them. */
export async function rate(run: Timed, small: number, large: number): Promise<Rate> {
  await run(small); // compilation, caches, first allocations
  const a = await run(small);
  const b = await run(large);
  const engineShare = a.engineSeconds !== undefined && b.engineSeconds !== undefined ? (b.engineSeconds - a.engineSeconds) / (b.seconds - a.seconds) : undefined;
  return {
    perSecond: (b.passes - a.passes) / (b.seconds - a.seconds),
    perCpuSecond: (b.passes - a.passes) / ((b.cpu ?? NaN) - (a.cpu ?? NaN)),
    ...(engineShare !== undefined && { engineShare }),
    small: a,
    large: b,
  };
}

/** Wall-clock seconds of `f`, and this process's CPU seconds (user + system, every thread; worker threads included). */
export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
