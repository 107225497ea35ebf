import { FINDING_INFO, type Finding } from '../checks/findings';
import { gridRank, parseRepresentation, type RepresentationOptions } from '../groups';
import { POINT_FRAMES } from '../groups/points/frames';
import { parsePointsSpec } from '../groups/points/pointsRepresentation';
import type { Group, Representation } from '../groups/types';
import type { Orbit } from '../stats/types';
import { pct } from '../report/format';

/** An alternative reading of the outputs, as the flag spells it. */
export interface RepAlternative {
  spec: string;
  rep: Representation;
}

/** How much lower the error must be under an alternative before it is suggested (issue 12). */
export const MISMATCH_RATIO = 5;
/** Below this relError the chosen representation fits; a lower one elsewhere is float noise. */
export const MISMATCH_MIN_ERROR = 1e-3;

/**
 * The representations a user plausibly meant instead of `spec`: 'same' for a map-shaped output
 * audited as invariant, 'invariant' for classes, 'same' without its channel permutation, and for
 * points the rule without its permutation and in each other frame. Those that cannot act on this
 * output are left out.
 */
export function alternativeRepresentations(spec: string, rep: Representation, group: Group, outputShape: (number | null)[], opts: RepresentationOptions): RepAlternative[] {
  const s = spec.trim();
  const specs: string[] = [];
  if (rep.kind === 'invariant' && outputShape.length === gridRank(group.layout) + 2) specs.push('same');
  if (rep.kind === 'classes') specs.push('invariant');
  if (rep.kind === 'same' && s !== 'same') specs.push('same');
  if (rep.kind === 'points') {
    const p = parsePointsSpec(s.slice('points:'.length));
    const tail = p.perms ? `;${p.perms}` : '';
    if (p.perms) specs.push(`points:${p.fields},${p.frame}`);
    for (const f of POINT_FRAMES) if (f !== p.frame) specs.push(`points:${p.fields},${f}${tail}`);
  }
  return specs.flatMap((alt) => {
    try {
      return [{ spec: alt, rep: parseRepresentation(alt, group, outputShape, opts) }];
    } catch {
      return []; // cannot act on this output: not a candidate
    }
  });
}

/**
 * relError of the outputs kept in `o` (in `rep`'s metric frame) were ρ_out `cand` instead:
 * expected outputs recomputed from f(x_b) = moved[b, e], no model run. null when Z = 0.
 */
export function relErrorUnder(o: Orbit, rep: Representation, cand: Representation): number | null {
  const { B, m, D } = o.dims;
  let dev = 0;
  let norm = 0;
  for (let b = 0; b < B; b++) {
    const raw = (g: number) => {
      const v = o.moved.slice((b * m + g) * D, (b * m + g + 1) * D);
      rep.fromMetricFrame?.(v, D);
      return v;
    };
    const id = raw(0);
    for (let g = 1; g < m; g++) {
      const moved = raw(g);
      const expected = cand.applyRow(g, id);
      cand.toMetricFrame?.(moved, D);
      cand.toMetricFrame?.(expected, D);
      for (let d = 0; d < D; d++) {
        dev += (moved[d]! - expected[d]!) ** 2;
        norm += expected[d]! ** 2;
      }
    }
  }
  return norm > 0 ? Math.sqrt(dev / norm) : null;
}

/**
 * Finding `representation-mismatch` when, on the ensemble mean's orbit (the single model's),
 * some alternative's relError is ≥ MISMATCH_RATIO× lower than the chosen one's; null otherwise.
 */
export function representationMismatch(spec: string, rep: Representation, alternatives: readonly RepAlternative[], mean: Orbit): Finding | null {
  if (!alternatives.length || mean.dims.m < 2) return null;
  const chosen = relErrorUnder(mean, rep, rep);
  if (chosen === null || !(chosen > MISMATCH_MIN_ERROR)) return null;
  let best: { spec: string; err: number } | null = null;
  for (const alt of alternatives) {
    const err = relErrorUnder(mean, rep, alt.rep);
    if (err !== null && (best === null || err < best.err)) best = { spec: alt.spec, err };
  }
  if (!best || best.err * MISMATCH_RATIO > chosen) return null;
  const ratio = best.err * 1000 < chosen ? 'over 1000× lower' : `${(chosen / best.err).toFixed(0)}× lower`;
  return {
    kind: 'representation-mismatch',
    severity: 'warning',
    title: FINDING_INFO['representation-mismatch'].title,
    evidence: `relError ${pct(chosen)} under '${spec.trim()}' but ${pct(best.err)} under '${best.spec}' (${ratio}), recomputed from the same outputs: the outputs probably move as '${best.spec}'; audit with --output '${best.spec}'`,
  };
}
