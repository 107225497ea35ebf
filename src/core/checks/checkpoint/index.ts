// shared-checkpoint: members whose weights for a layer coincide (THEORY §1, condition 2).
export { checkpointCollector, type CheckpointCollector } from './collector';
export { sharedCheckpointFindings, type MemberSignatures } from './checkpointFindings';
export { sameWeights, TOLERANCE, type Cluster } from './compare';
export { DIRECTIONS, relativeDistance, weightSignature, type WeightSignature } from './signature';
