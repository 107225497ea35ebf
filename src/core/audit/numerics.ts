import { FINDING_INFO, type Finding } from '../checks/findings';
import { EquiLensError } from '../errors';
import { relativeTo } from '../io/paths';
import type { NonFiniteWeight } from '../load/nonFiniteWeights';
import type { Orbit } from '../stats/types';

/** A member left out of the statistics because its outputs were not all finite. */
export interface ExcludedMember {
  /** Absolute path of its model JSON. */
  path: string;
  bad: number;
  total: number;
}

/** NaN and ±Infinity values among a member's orbit outputs. */
export function nonFiniteCount(o: Orbit): number {
  let bad = 0;
  for (const v of o.moved) if (!Number.isFinite(v)) bad++;
  return bad;
}

/** The finding for a member whose weights hold NaN/Infinity; names up to three weights. */
export function nonFiniteWeightsFinding(member: string, weights: readonly NonFiniteWeight[]): Finding {
  const listed = weights.slice(0, 3).map((w) => `'${w.name}' (${w.count} of ${w.total} values)`);
  const more = weights.length > 3 ? ` and ${weights.length - 3} more` : '';
  const noun = weights.length === 1 ? 'weight holds' : 'weights hold';
  return finding('non-finite-weights', 'warning', member, `${weights.length} ${noun} NaN or Infinity: ${listed.join(', ')}${more}`);
}

/** The finding for a member left out of the statistics. */
export function nonFiniteOutputFinding(member: string, bad: number, total: number): Finding {
  return finding('non-finite-output', 'error', member, `${bad} of ${total} output values are NaN or Infinity; the member is left out of the statistics`);
}

/**
 * The one-line error when no member is left: a single model keeps the message it always had;
 * an ensemble names its folder and the first members with their counts.
 */
export function noFiniteMember(excluded: readonly ExcludedMember[], root: string): EquiLensError {
  const [one] = excluded;
  if (excluded.length === 1 && one) return new EquiLensError(one.path, `outputs contain NaN or Infinity (${one.bad} of ${one.total} values)`);
  const listed = excluded.slice(0, 3).map((e) => `${relativeTo(root, e.path)}: ${e.bad} of ${e.total} values`);
  const more = excluded.length > 3 ? `, and ${excluded.length - 3} more` : '';
  return new EquiLensError(root, `outputs of all ${excluded.length} members contain NaN or Infinity (${listed.join(', ')}${more})`);
}

function finding(kind: Finding['kind'], severity: Finding['severity'], member: string, evidence: string): Finding {
  return { kind, severity, title: FINDING_INFO[kind].title, member, evidence };
}
