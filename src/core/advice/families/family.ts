import { pct } from '../../report/format';
import type { AdviceContext } from '../context';
import type { Fix, FixCondition } from '../types';

/** One family of fixes (one file each, listed in index.ts), like the static rules. */
export interface FixFamily {
  condition: FixCondition;
  advise(ctx: AdviceContext): Fix[];
}

/**
 * Effect of restoring a theorem condition: the floor should fall toward 0. With one model
 * there is no floor, so the effect is bounded by the model's error only.
 */
export function restoresCondition(ctx: AdviceContext, next: string): Pick<Fix, 'effect' | 'expected'> {
  if (ctx.floorState === 'positive') {
    return {
      effect: `The floor (what an infinitely large ensemble keeps) should fall from ${pct(ctx.floor)} toward ${ctx.resamplingFloor === null ? '0' : `the interpolation floor (${pct(ctx.resamplingFloor)}: resampling, not the model)`}; ${next}`,
      expected: { metric: 'floor', from: ctx.floor, to: ctx.resamplingFloor ?? 0 },
    };
  }
  if (ctx.floorState === 'zero') {
    return {
      effect: `The floor interval already reaches 0 on these probes, so expect little change in this audit; the cause is structural and other inputs may show it.`,
      expected: { metric: 'floor', from: ctx.floor, to: 0 },
    };
  }
  return {
    effect: `One model has no floor to compare: this removes a cause of its error (relError ${pct(ctx.relError)} now); audit an ensemble to see what is left.`,
    expected: { metric: 'relError', from: ctx.relError, to: null },
  };
}

/** Layer names of findings, in model order, each once (member-level findings name no layer). */
export function layersOf(items: { finding: { layer?: string; layerIndex?: number; layers?: string[] } }[]): string[] {
  const named = items.filter((f) => f.finding.layer !== undefined);
  const order = (f: { finding: { layerIndex?: number } }) => f.finding.layerIndex ?? Infinity;
  // A merged frozen-layer finding stands for every layer it lists.
  return [...new Set(named.sort((a, b) => order(a) - order(b)).flatMap((f) => f.finding.layers ?? [f.finding.layer!]))];
}
