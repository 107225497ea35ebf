import type { WeightScan } from '../checks/checkpoint/scanWeights';
import type { NonFiniteWeight } from '../load/nonFiniteWeights';
import type { MemberEvaluation } from './evaluateMember';

/**
 * A member loaded and evaluated in another thread (a pool worker, src/node/pool): its evaluation
 * and what its load saw, all the main thread needs of it when nothing else there reads the model
 * (per-layer floors off or not applicable, no Lie derivative). Plain data: it crosses threads.
 */
export interface AwayMember {
  evaluation: MemberEvaluation;
  /** NaN/Infinity weights its load found (a finding). */
  nonFiniteWeights?: readonly NonFiniteWeight[];
  /** Its weights' scan for shared-checkpoint (checks/checkpoint), when its load read weights. */
  scan?: WeightScan;
}
