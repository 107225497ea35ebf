import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { classRepresentation } from './classPermutations';
import { gridRank, shapeText, sitePermutation } from './siteGroup';
import type { Group, Representation } from './types';

const OUTPUT_SHAPE = { image: '[B,h,w,C]', sequence: '[B,w,C]', set: '[B,P,F]' } as const;

/**
 * Parses ρ_out from the CLI spec: 'invariant', 'same' (outputs are maps moved like the input)
 * or 'classes:<gen>=<perm>[;<gen>=<perm>]'. outputShape is the model's, batch first.
 */
export function parseRepresentation(spec: string, group: Group, outputShape: (number | null)[]): Representation {
  const s = spec.trim();
  if (s === 'invariant') return { kind: 'invariant', description: 'invariant', apply: (_i, y) => tf.clone(y) };
  if (s === 'same') return sameRepresentation(group, outputShape);
  if (s.startsWith('classes:')) return classRepresentation(s.slice('classes:'.length), group, outputShape);
  const valid = 'invariant, same, classes:<generator>=<permutation>[;…]';
  throw new EquiLensError(undefined, `unknown representation '${spec}'; valid: ${valid}`);
}

function sameRepresentation(group: Group, outputShape: (number | null)[]): Representation {
  const rank = gridRank(group.layout);
  if (outputShape.length !== rank + 2) {
    throw new EquiLensError(
      undefined,
      `representation 'same' for group '${group.name}' needs outputs shaped ${OUTPUT_SHAPE[group.layout]}, got ${shapeText(outputShape)}`,
    );
  }
  // Fail now, not mid-audit, when some element cannot act on the output grid (e.g. c4 on 7×5).
  const grid = outputShape.slice(1, 1 + rank);
  if (grid.every((d): d is number => d !== null)) group.elements.forEach((_, i) => sitePermutation(group, i, grid));
  const apply = (i: number, y: tf.Tensor) => group.apply(i, y);
  return { kind: 'same', description: 'same (outputs move like the input)', apply };
}
