import type { Support } from './models';
import type { C16TrainOptions } from './train';

/** Everything that fixes the C16 examples' bytes, in one place (the README quotes it). */
export const C16_SETUP = {
  members: 8,
  train: { n: 960, seed: 1001 },
  test: { n: 240, seed: 2002 },
  probes: { n: 64, seed: 3003, png: 6 },
  training: { epochs: 5, batchSize: 8, learningRate: 0.01 } satisfies Omit<C16TrainOptions, 'seed'>,
};

export interface C16Spec {
  name: string;
  support: Support;
  /** What an audit under rot:16 should conclude, for the README. */
  expect: string;
}

export const C16_ENSEMBLES: C16Spec[] = [
  {
    name: 'c16-compatible',
    support: 'compatible',
    expect:
      'disk-like support, full C16 augmentation, i.i.d. init: members are visibly non-invariant, their mean much less so, and the floor ends near the interpolation floor (what resampling alone costs)',
  },
  {
    name: 'c16-asymmetric',
    support: 'asymmetric',
    expect: 'L-shaped support (condition 1 fails), same augmentation and init: averaging helps less, and the floor stays clearly above the interpolation floor: no number of members fixes it',
  },
];
