import { axisNeeds } from '../groupNeeds';
import type { Rule } from '../rule';
import type { Borders, LayerStep } from '../step';

const SIDE_NAMES = {
  1: [['start', 'end']],
  2: [
    ['top', 'bottom'],
    ['left', 'right'],
  ],
} as const;

/**
 * What a step adds or removes at the borders: cropping/padding layers and ops, and the
 * explicit or causal pads of a stride-1 window (with a stride, whether the pads are read at
 * all depends on the map: stride-misaligned judges those).
 */
function bordersOf({ borders, window: w }: LayerStep): Borders | null {
  if (borders) return borders;
  if (!w?.pads || w.strides[0] !== 1 || w.strides[1] !== 1) return null;
  return { what: 'pads', sides: w.pads, source: w.padding === 'causal' ? "'causal' padding" : 'explicit padding' };
}

/** Cropping/padding must be equal on opposite borders that the group swaps, and on both axes under rotations. */
export const asymmetricCropOrPad: Rule = {
  kind: 'asymmetric-crop-or-pad',
  check(step, { needs }) {
    const b = bordersOf(step);
    if (step.inSize === null || b === null) return [];
    const names = SIDE_NAMES[step.rank];
    const list = names.map(([before, after], a) => `${before} ${b.sides[a]![0]}, ${after} ${b.sides[a]![1]}`).join(', ');
    const sides = `${b.source ? `${b.source} ` : ''}${b.what} ${list}`;
    for (const { axis, reflect, breaker } of axisNeeds(needs, step.rank)) {
      const [before, after] = names[axis]!;
      if (reflect && b.sides[axis][0] !== b.sides[axis][1]) {
        return [{ severity: 'error', evidence: `${sides}: ${before} ≠ ${after}, not symmetric under ${breaker}.` }];
      }
    }
    if (needs.square && step.rank === 2 && b.sides[0][0] !== b.sides[1][0]) {
      return [{ severity: 'error', evidence: `${sides}: rows and columns differ, not symmetric under ${needs.breaker('rows')}.` }];
    }
    return [];
  },
};
