import { EquiLensError } from '../errors';
import type { Limits } from '../load/limits';

/**
 * Refuses more probes than Limits.maxProbes (one line, exit 2), before anything is allocated for
 * them: `-n 1e8` asked for a 25.6 GB typed array. `file` names the probe file when the count
 * is what it holds; a requested count names no file (it came from -n or probes.count).
 */
export function checkProbeCount(count: number, limits: Limits, file?: string): void {
  if (!Number.isFinite(count) || count <= limits.maxProbes) return;
  const what = file ? `holds ${count} probes` : `probes count ${count} is`;
  throw new EquiLensError(file, `${what} over the ${limits.maxProbes} limit (--max-probes${file ? '; take fewer with -n' : ''})`);
}
