import { pct } from '../../report/format';
import type { EnsembleResult } from '../../report/types';
import { READING_WORDS } from '../../report/verdictWords';
import { TARGET, type AdviceContext } from '../context';
import { score } from '../rank';
import type { Fix } from '../types';
import type { FixFamily } from './family';

const WHY_MORE = 'THEORY §4: with the conditions met, what is left is the spread between members, which averaging shrinks like 1/N; the floor interval reaching 0 says nothing else is left.';

/** Expected relError of k members from the fitted model √((bias² + s²/k)/Z). */
function expectedAt(e: EnsembleResult, k: number): number {
  return Math.sqrt((e.model.bias2 + e.model.s2 / k) / e.model.Z);
}

/** The target to promise: 1 % when reachable, else 5 % when that is below the error now. */
function goal(e: EnsembleResult, now: number): { eps: number; k: number } | null {
  if (e.membersNeeded['0.01'] !== null) return { eps: TARGET, k: e.membersNeeded['0.01'] };
  if (e.membersNeeded['0.05'] !== null && now > 0.05) return { eps: 0.05, k: e.membersNeeded['0.05'] };
  return null;
}

function moreMembers(ctx: AdviceContext, e: EnsembleResult, now: number): Fix {
  const g = goal(e, now);
  const k = g?.k ?? 4 * e.size;
  const to = expectedAt(e, k);
  const target = g ? pct(g.eps, 0) : `${pct(to)} (the fitted floor ${pct(ctx.floor)} is above 1 %, but its interval reaches 0: more members also narrow it)`;
  const expected = { metric: 'relError' as const, from: now, to };
  return {
    id: 'ensemble-size:members',
    condition: 'ensemble-size',
    // No size reaches 1 % at the fitted floor, but its interval reaches 0: the report says inconclusive, and so does the title.
    title: `Grow the ensemble to ${k} members${g ? '' : ` (reaching 1 % is ${READING_WORDS.inconclusive}: more members narrow the floor)`}`,
    what: `Train ${Math.max(0, k - e.size)} more members (${k} in all) with the same recipe and independent seeds for initialisation and data order, and average them.`,
    why: WHY_MORE,
    effect: `Expected ensemble relError ${target} at ${k} members, from ${pct(now)} with ${e.size} (fitted model √((bias² + s²/k)/Z); see the curve).`,
    expected,
    score: score(expected, now, 1),
    findings: [],
    layers: [],
    snippets: {},
  };
}

/** More members, when the floor interval reaches 0 but the ensemble's relError is above the 1 % target. */
export const ensembleSize: FixFamily = {
  condition: 'ensemble-size',
  advise(ctx) {
    const e = ctx.report.ensemble;
    const now = ctx.relError;
    if (now === null || now <= TARGET) return [];
    // One model (N = 1) is usually a pretrained one: training an ensemble from scratch is not its
    // owner's fix (symmetrisation and fine-tuning are, see fineTune.ts).
    return e && ctx.floorState === 'zero' ? [moreMembers(ctx, e, now)] : [];
  },
};
