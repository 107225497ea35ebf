import type { Architecture } from './models';
import type { TrainOptions } from './train';

/** Everything that fixes the examples' bytes, in one place (the README quotes it). */
export const SETUP = {
  members: 8,
  train: { n: 900, seed: 1001 },
  test: { n: 500, seed: 2002 },
  probes: { n: 64, seed: 3003, png: 8 },
  training: { epochs: 8, batchSize: 5, learningRate: 0.01 },
};

export interface EnsembleSpec {
  name: string;
  arch: Architecture;
  augment: TrainOptions['augment'];
  /** What an audit under C4 should conclude, for the README. */
  expect: string;
}

export const ENSEMBLES: EnsembleSpec[] = [
  {
    name: 'compatible-augmented',
    arch: 'compatible',
    augment: 'random',
    expect: 'all three conditions hold: members are slightly non-invariant, their mean much less so, and the floor is ≈ 0 with an interval reaching 0',
  },
  {
    name: 'compatible-plain',
    arch: 'compatible',
    augment: 'none',
    expect: 'no augmentation (condition 3 fails): every member learnt the upright bias the same way, so averaging does not help and the floor ≈ the ensemble relError, far from 0',
  },
  {
    name: 'incompatible-augmented',
    arch: 'incompatible',
    augment: 'random',
    expect:
      "1×5 kernels (condition 1 fails): members are nearly as invariant as (a)'s, but they share a bias, so the ensemble barely improves on them and the floor stays clearly above 0; a static check should name conv1 and conv2",
  },
];
