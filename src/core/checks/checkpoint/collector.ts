import type * as tf from '@tensorflow/tfjs-core';
import type { ModelJson } from '../../load/modelJson';
import type { Finding } from '../findings';
import type { ConstantValues } from '../graph/graphConsts';
import { sharedCheckpointFindings, type MemberSignatures } from './checkpointFindings';
import { scanWeights, type WeightScan } from './scanWeights';

/** Collects each member's weight signatures during an audit, one member at a time. */
export interface CheckpointCollector {
  /** Keeps the signatures of member `shown`'s weights as its load read them (O(weights) time, O(layers) memory). */
  add(path: string, shown: string, specs: readonly tf.io.WeightsManifestEntry[], bytes: Uint8Array): void;
  /** As add, from a scan made where the member was loaded (a pool thread): the same signatures, no bytes here. */
  addScan(path: string, shown: string, scan: WeightScan): void;
  /** Small int constants of the first member (graph models' Pad/Slice values), for analyzeTopology. */
  constants(): ConstantValues | undefined;
  /** shared-checkpoint findings over the members added; `json` is the first member's. */
  findings(json: ModelJson): Finding[];
}

/** A collector for an audit of `memberCount` members. A single layers model is skipped: it has no one to share with and no constants to give. */
export function checkpointCollector(memberCount: number, format: ModelJson['format']): CheckpointCollector {
  const members: MemberSignatures[] = [];
  let constants: ConstantValues | undefined;
  const skipped = memberCount < 2 && format !== 'graph-model';
  const keep = (shown: string, scan: WeightScan) => {
    constants ??= scan.constants;
    members.push({ member: shown, weights: scan.weights });
  };
  return {
    add(path, shown, specs, bytes) {
      if (!skipped) keep(shown, scanWeights([...specs], bytes, path));
    },
    addScan(_path, shown, scan) {
      if (!skipped) keep(shown, scan);
    },
    constants: () => constants,
    findings: (json) => sharedCheckpointFindings(json, members),
  };
}
