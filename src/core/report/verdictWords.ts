// The one vocabulary every front end uses for what a report's numbers mean (terminal, Markdown,
// HTML, the panel, the tree, the CodeLens): the same numbers never read "unreachable" in one place
// and "inconclusive" or "grow to 32" in another.
import { median } from '../stats/elementErrors';
import { notMeasurable } from './measurable';
import type { AuditReport } from './types';

/** A floor interval whose lower end is at most this reaches 0 (THEORY §4). */
export const REACHES_ZERO = 1e-4;

/**
 * How a report's floor reads (THEORY §4), decided once:
 * - not-measurable: every member's output is constant (degenerate-output), never a pass;
 * - not-judged: the representation is probably wrong (representation-mismatch);
 * - satisfied: the floor interval reaches 0 and is narrow next to the members' own error;
 * - inconclusive: it reaches 0 but is wide;
 * - above-zero: it excludes 0 (more members will not fix it);
 * - none: no relative floor (one model, or an ensemble mean ≈ 0).
 */
export type Reading = 'not-measurable' | 'not-judged' | 'satisfied' | 'inconclusive' | 'above-zero' | 'none';

/** The reading's name, as every front end writes it. */
export const READING_WORDS = {
  'not-measurable': 'not measurable',
  'not-judged': 'not judged',
  satisfied: 'conditions look satisfied',
  inconclusive: 'inconclusive',
  'above-zero': 'floor above 0',
  none: 'no verdict',
} as const satisfies Record<Reading, string>;

/** membersNeeded is null although the floor interval excludes 0: no ensemble size reaches the target. */
export const UNREACHABLE = 'unreachable';

/** How one model is named and how several are: captions follow the report's member count. */
export function subject(r: Pick<AuditReport, 'members'>): 'model' | 'ensemble' {
  return r.members.length === 1 ? 'model' : 'ensemble';
}

/**
 * Resampled rotations (report.group.mask): a floor within this many interpolation floors is read as
 * reaching the resampling limit, not as broken symmetry. The interpolation floor is measured on a
 * smooth invariant (radial profiles); an exactly invariant model with finer detail shows a few
 * times more (docs/groups.md: 2.1× for a weight pattern of angular frequency 8).
 */
export const RESAMPLING_MARGIN = 3;

/** The floor that counts as 0 for `r`: REACHES_ZERO, or RESAMPLING_MARGIN interpolation floors when the group resamples. */
export function zeroFloor(r: Pick<AuditReport, 'group'>): number {
  const interp = r.group.mask ? (r.group.interpolationFloor ?? 0) : 0;
  return Math.max(REACHES_ZERO, RESAMPLING_MARGIN * interp);
}

/** The reading of `r`'s numbers (see Reading). */
export function reading(r: AuditReport): Reading {
  if (notMeasurable(r)) return 'not-measurable';
  if ((r.findings ?? []).some((f) => f.kind === 'representation-mismatch')) return 'not-judged';
  const e = r.ensemble;
  if (!e || e.meanNearZero || e.floor === null || !e.floorCI) return 'none';
  const [lo, hi] = e.floorCI;
  const zero = zeroFloor(r);
  if (lo > zero) return 'above-zero';
  const memberMedian = median(r.members.map((m) => m.relError));
  return memberMedian === null || hi <= Math.max(0.02, 0.5 * memberMedian, zero) ? 'satisfied' : 'inconclusive';
}

/**
 * The ensemble size that reaches relError `eps`, in words: '12 members' ('12' with `unit` false);
 * when the fit gives none, 'unreachable' only if the floor interval excludes 0 (the verdict says
 * the same), else 'inconclusive' (the fitted floor is at or above `eps` but its interval reaches
 * 0: more members narrow it); 'not measurable' / 'not judged' / '–' when the reading says so.
 */
export function membersNeededText(r: AuditReport, eps: '0.01' | '0.05', unit = true): string {
  const e = r.ensemble;
  const how = reading(r);
  if (how === 'not-measurable' || how === 'not-judged') return READING_WORDS[how];
  const k = e?.membersNeeded[eps] ?? null;
  if (k !== null) return unit ? `${k} members` : String(k);
  if (how === 'above-zero') return UNREACHABLE;
  if (how === 'satisfied' || how === 'inconclusive') return READING_WORDS.inconclusive;
  return '–';
}
