import { pct } from '../../report/format';
import { hasClasses } from '../../stats/types';
import { TARGET, type AdviceContext } from '../context';
import { score } from '../rank';
import { classTables } from '../snippets/classTables';
import { groupCode, MAX_ENUMERATED } from '../snippets/groupCode';
import { symmetriseSnippets } from '../snippets/symmetriseSnippets';
import type { Snippets } from '../types';
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
    // Resampled rotations average resampled copies: equivariant only up to the interpolation floor.
    const approx = ctx.resamplingFloor !== null;
    const to = ctx.resamplingFloor ?? 0;
    const expected = { metric: 'relError' as const, from: ctx.relError, to };
    const passes = n > 1 ? ` (${m * n} forward passes per input with ${n} members)` : '';
    const osp = !hasClasses(ctx.report.outputKind) ? '' : `, OSP ${m} on every probe`;
    return [
      {
        id: 'symmetrisation:orbit-average',
        condition: 'symmetrisation',
        title: approx ? `Symmetrise at inference (to the interpolation floor, cost ×${m})` : `Symmetrise at inference (exact, cost ×${m})`,
        what: `Average the ${n > 1 ? 'members' : 'model'} over every element of ${ctx.group}: ${moveBack(ctx, m)}`,
        why: 'The orbit average is equivariant by construction, whatever the weights: it needs none of THEORY §1’s conditions, which makes it the fallback when they cannot be met, paid for at every prediction.',
        effect: approx
          ? `relError ${pct(ctx.relError)} → about the interpolation floor (${pct(to)}): the transformed inputs are resampled, so the average is equivariant up to resampling error, at ${m}× the inference cost${passes}.`
          : `Exact: relError ${pct(ctx.relError)} → 0 (to float precision)${osp}, at ${m}× the inference cost${passes}.`,
        expected,
        score: score(expected, ctx.relError, 1, m),
        findings: [],
        layers: [],
        // Only the representation audited, and only where a snippet can write it (no keypoints or permuted map channels yet).
        snippets: channelsFirst(ctx, (code && ctx.rep && symmetriseSnippets(code, ctx.rep, classTables(ctx.report), { graph: ctx.graph, output: ctx.report.model.output.name })) || {}),
      },
    ];
  },
};

/** The orbit average for the representation audited, in words (the snippets write the same). */
function moveBack(ctx: AdviceContext, m: number): string {
  const r = ctx.report.representation;
  if (r.kind === 'invariant') return `f̄(x) = (1/${m}) Σ_g f(ρ_in(g) x) — the output is invariant, so the outputs of the transformed inputs are averaged as they are.`;
  const how =
    r.kind === 'classes'
      ? 'un-permuting the classes of each'
      : r.kind === 'same'
        ? `moving each output map back by the inverse transform (${r.description})`
        : `mapping each output back by g⁻¹ as the audited rule moves it (${r.description}): coordinates through the inverse transform, permuted points (left/right) swapped back`;
  return `f̄(x) = (1/${m}) Σ_g ρ_out(g)⁻¹ f(ρ_in(g) x), ${how}.`;
}

/** TF.js and Keras snippets move NHWC axes: an NCHW model keeps only the PyTorch one (channels first). */
function channelsFirst(ctx: AdviceContext, s: Snippets): Snippets {
  return (ctx.report.model.input as { layout?: string }).layout === 'NCHW' ? { ...(s.pytorch && { pytorch: s.pytorch }) } : s;
}
