import { pct } from '../../report/format';
import { TARGET, type AdviceContext } from '../context';
import { score } from '../rank';
import { classTables } from '../snippets/classTables';
import { groupCode, MAX_ENUMERATED } from '../snippets/groupCode';
import { symmetriseSnippets } from '../snippets/symmetriseSnippets';
import type { FixFamily } from './family';

/** True when a model is measurably not equivariant: a floor clearly above 0, or one model above the target. */
export function needsWorkaround(ctx: AdviceContext): boolean {
  if (ctx.report.ensemble?.meanNearZero) return false;
  return ctx.floorState === 'positive' || (ctx.floorState === 'unknown' && !ctx.report.ensemble && (ctx.relError ?? 0) > TARGET);
}

/** The orbit average at inference: exact whatever the weights, at m forward passes per input. Last resort. */
export const symmetrisation: FixFamily = {
  condition: 'symmetrisation',
  advise(ctx) {
    const m = ctx.report.group.fullOrder;
    if (!needsWorkaround(ctx) || m > MAX_ENUMERATED) return [];
    const code = groupCode(ctx.group, ctx.sample);
    const n = ctx.report.ensemble?.size ?? 1;
    const expected = { metric: 'relError' as const, from: ctx.relError, to: 0 };
    const passes = n > 1 ? ` (${m * n} forward passes per input with ${n} members)` : '';
    const osp = ctx.report.outputKind === 'regression' ? '' : `, OSP ${m} on every probe`;
    return [{
      id: 'symmetrisation:orbit-average',
      condition: 'symmetrisation',
      title: `Symmetrise at inference (exact, cost ×${m})`,
      what: `Average the ${n > 1 ? 'members' : 'model'} over every element of ${ctx.group}: f̄(x) = (1/${m}) Σ_g ρ_out(g)⁻¹ f(ρ_in(g) x), moving each output back.`,
      why: 'The orbit average is equivariant by construction, whatever the weights: it needs none of THEORY §1’s conditions, which makes it the fallback when they cannot be met, paid for at every prediction.',
      effect: `Exact: relError ${pct(ctx.relError)} → 0 (to float precision)${osp}, at ${m}× the inference cost${passes}.`,
      expected,
      score: score(expected, ctx.relError, 1, m),
      findings: [],
      layers: [],
      snippets: (code && symmetriseSnippets(code, ctx.report.representation.kind, classTables(ctx.report))) ?? {},
    }];
  },
};
