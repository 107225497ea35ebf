import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { classRepresentation } from './classPermutations';
import { pointsRepresentation } from './points/pointsRepresentation';
import { sameRepresentation } from './sameRepresentation';
import type { Group, Representation } from './types';

/** What parsing a representation needs beyond the spec and the output shape. */
export interface RepresentationOptions {
  /** Outputs are channels first ([B,C,h,w], NCHW models): 'same' acts on axes 2, 3. */
  channelsFirst?: boolean;
  /** The grid the group acts on ([H, W] of the audited input): 'points' move within it. */
  inputGrid?: readonly number[];
}

/** The valid forms, for messages. */
export const REPRESENTATION_FORMS = 'invariant, same, classes:<gen>=<perm>[;…], same;<gen>=<perm>[;…], points:<fields>[,<frame>][;<gen>=<perm>…]';

/**
 * Parses ρ_out from the CLI spec: 'invariant', 'same[;<gen>=<perm>…]' (outputs are maps moved
 * like the input, channels permuted), 'classes:<gen>=<perm>[;<gen>=<perm>]' or
 * 'points:<fields>[,<frame>][;<gen>=<perm>…]' (keypoints). outputShape is the model's, batch first.
 */
export function parseRepresentation(spec: string, group: Group, outputShape: (number | null)[], opts: RepresentationOptions = {}): Representation {
  const s = spec.trim();
  if (s === 'invariant') return { kind: 'invariant', description: 'invariant', apply: (_i, y) => tf.clone(y), applyRow: (_i, row) => row.slice() };
  if (s === 'same' || s.startsWith('same;')) return sameRepresentation(s.slice('same;'.length).trim(), group, outputShape, opts.channelsFirst);
  if (s.startsWith('classes:')) return classRepresentation(s.slice('classes:'.length), group, outputShape);
  if (s.startsWith('points:')) return pointsRepresentation(s.slice('points:'.length), group, outputShape, { inputGrid: opts.inputGrid });
  throw new EquiLensError(undefined, `unknown representation '${spec}'; valid: ${REPRESENTATION_FORMS}`);
}
