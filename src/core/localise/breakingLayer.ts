import { FINDING_INFO, type Finding } from '../checks/findings';
import { pct } from '../report/format';
import type { BreakingLayer, LayerFloor } from './types';

/** A floor below this is not called a break, however it compares with the layers before. */
export const JUMP_MIN_FLOOR = 0.05;
/** ...and it must exceed this many times the largest resolved floor before it. */
export const JUMP_FACTOR = 3;
/** An interval whose lower end is at most this reaches 0 (as in the report's verdict). */
const REACHES_ZERO = 1e-4;

/**
 * The first layer whose floor is resolved (its interval stays above 0; layers without an
 * interval count on their floor alone) and exceeds max(JUMP_MIN_FLOOR, JUMP_FACTOR × the largest
 * resolved floor before it). Why: on a compatible layer the floor is 0 up to sampling noise, and
 * an interval reaching 0 is that noise (trained 8-member ensembles show unresolved hidden floors
 * of 20–40 %); a layer that only carries an earlier break forward keeps its error at about the
 * same relative size, while the layer that breaks adds its own on top of ≈ 0. 5 % is the coarser
 * of the report's membersNeeded targets: a smaller rise is not worth acting on. Layers without a
 * floor (skipped, mean ≈ 0) are passed over. Null when no layer jumps.
 */
export function breakingLayer(layers: readonly LayerFloor[], findings: readonly Finding[]): BreakingLayer | null {
  let before = 0;
  for (const l of layers) {
    if (l.floor === null || (l.floorCI !== null && l.floorCI[0] <= REACHES_ZERO)) continue;
    if (l.floor > Math.max(JUMP_MIN_FLOOR, JUMP_FACTOR * before)) {
      const staticFinding = crossReference(l, before, findings);
      return { name: l.name, index: l.index, floor: l.floor, previousFloor: before, ...(staticFinding && { staticFinding }) };
    }
    before = Math.max(before, l.floor);
  }
  return null;
}

/**
 * One sentence tying the jump to a static architecture finding on the layer (preferred) or the
 * closest one before it: both readings should name the same place (THEORY §5).
 */
function crossReference(l: LayerFloor, before: number, findings: readonly Finding[]): string | undefined {
  const architecture = findings.filter((f) => f.layer !== undefined && f.layerIndex !== undefined && f.layerIndex <= l.index && FINDING_INFO[f.kind].condition === 'architecture');
  const f = architecture.find((x) => x.layer === l.name) ?? architecture.sort((a, b) => b.layerIndex! - a.layerIndex!)[0];
  if (!f) return undefined;
  const evidence = f.evidence.replace(/\.$/, '');
  return `static: ${f.layer} ${f.title.toLowerCase()} (${evidence}) — dynamic: floor jumps at ${l.name} (${pct(before, 1)} → ${pct(l.floor, 1)})`;
}
