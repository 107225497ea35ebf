import type { WeightScan } from '../checks/checkpoint/scanWeights';
import type { NonFiniteWeight } from '../load/nonFiniteWeights';
import type { LocalisePart } from '../localise/auditHook';
import type { LiePart } from '../lie/lieHook';
import type { MemberEvaluation } from './evaluateMember';

/**
 * A member loaded and evaluated in another thread (a pool worker, src/node/pool): its evaluation
 * and what its load saw, its per-layer rows and Lie derivative evaluations: all the main thread
 * needs of it, which then never loads it. Plain data: it crosses threads.
 */
export interface AwayMember {
  evaluation: MemberEvaluation;
  /** NaN/Infinity weights its load found (a finding). */
  nonFiniteWeights?: readonly NonFiniteWeight[];
  /** Its weights' scan for shared-checkpoint (checks/checkpoint), when its load read weights. */
  scan?: WeightScan;
  /** Its per-layer floors' rows (localise part()), folded in member order; null/absent: none. */
  layers?: LocalisePart | null;
  /** Its Lie derivative evaluations (lie part()); null/absent: none. */
  lie?: LiePart | null;
}
