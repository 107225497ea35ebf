import { pct } from './format';
import type { AuditReport } from './types';

/**
 * One line for resampled rotations (report.group.mask): the interpolation floor beside the
 * relErrors, and what it means. null for permutation groups.
 */
export function interpolationFloorLine(r: AuditReport): string | null {
  const g = r.group;
  if (!g.mask) return null;
  const floor = g.interpolationFloor;
  const at = g.name.startsWith('so2:') ? ` at the ${g.order - 1} sampled angles` : '';
  const value = floor === null || floor === undefined ? "not measurable (the probes' radial profiles are 0)" : pct(floor);
  return (
    `interpolation floor ${value}${at} (bilinear resampling, inputs masked to the inscribed disk): ` +
    'a perfectly rotation-invariant function shows this relError here — errors near it are resampling, not the model'
  );
}
