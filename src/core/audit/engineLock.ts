/**
 * One tfjs engine per process, shared by every audit in it. A load tracks what tfjs allocates in
 * an engine scope (disposeIfFails) and frees the scope's tensors when it fails; a tensor another
 * audit creates meanwhile lands in that scope too, and two loads in flight end each other's
 * scopes. So audits take turns at the engine: each step that creates tensors (a load, a member's
 * predictions, the probe orbit) runs alone; the statistics and file reads between steps overlap.
 */
let tail: Promise<void> = Promise.resolve();

/** Runs `work` once every step queued before it has finished (failed steps release the turn too). */
export async function withEngine<T>(work: () => Promise<T>): Promise<T> {
  const previous = tail;
  let release!: () => void;
  tail = new Promise<void>((resolve) => (release = resolve));
  await previous;
  try {
    return await work();
  } finally {
    release();
  }
}
