import type { LayerSums } from './layerSums';
import type { LayerPlan } from './plan';
import type { LayerFloor } from './types';

/** The report's entry for one layer: its statistics, or why it has none. */
export function layerFloor(p: LayerPlan, index: number, sums: LayerSums | undefined, size: number | undefined, seed: number): LayerFloor {
  const base = { name: p.name, index, className: p.className, outputShape: p.outputShape };
  if (!p.action || !sums) {
    return { ...base, action: 'skipped', note: p.note ?? 'not computed', floor: null, floorCI: null, floorAbs: null, relError: null, memberMedianRelError: null, positions: null };
  }
  const s = sums.stats(seed);
  const note = sums.count < 2 ? 'the floor needs at least 2 members' : s.meanNearZero ? 'the mean is not clearly above the members’ spread here (meanNearZero, THEORY §4): read floorAbs' : undefined;
  return {
    ...base,
    action: p.action.kind,
    ...(note && { note }),
    // Non-finite activations (a member whose hidden layer overflows) leave numbers out, not NaN.
    floor: finite(s.floor),
    floorCI: s.floorCI && s.floorCI.every(Number.isFinite) ? s.floorCI : null,
    floorAbs: finite(s.floorAbs),
    relError: finite(s.relError),
    memberMedianRelError: finite(s.memberMedianRelError),
    positions: { used: sums.D, total: size ?? sums.D },
  };
}

function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
