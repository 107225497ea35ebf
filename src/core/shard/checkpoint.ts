import type * as tf from '@tensorflow/tfjs-core';
import { sharedCheckpointFindings, type CheckpointCollector } from '../checks/checkpoint';
import { scanWeights, type WeightScan } from '../checks/checkpoint/scanWeights';
import type { ModelJson } from '../load/modelJson';

/** A CheckpointCollector that also gives each member's scan, for the shard file. */
export interface RecordingCollector extends CheckpointCollector {
  /** The scan of the member at `path` (absolute), when its load read weights. */
  scan(path: string): WeightScan | undefined;
}

/** A member's scan under the name the report shows for it. */
export interface ShownScan {
  member: string;
  scan: WeightScan;
}

/**
 * checkpointCollector for a shard: the findings need every shard's members, so each member's
 * scan is kept (O(weights) numbers) for the shard file and merge computes the findings. Scans
 * every member, even where the collector skips (a single layers model): merge decides.
 */
export function recordingCollector(memberCount: number, format: ModelJson['format']): RecordingCollector {
  const scans = new Map<string, ShownScan>();
  const view = () => mergedCheckpoint(format, memberCount, [...scans.values()]);
  return {
    add(path, shown, specs: readonly tf.io.WeightsManifestEntry[], bytes) {
      scans.set(path, { member: shown, scan: scanWeights([...specs], bytes, path) });
    },
    addScan(path, shown, scan) {
      scans.set(path, { member: shown, scan });
    },
    constants: () => view().constants(),
    findings: (json) => view().findings(json),
    scan: (path) => scans.get(path)?.scan,
  };
}

/**
 * The collector's answers from every member's scan, in the order the single run loads them
 * (member order). Mirrors checks/checkpoint/collector.ts: a single layers model is skipped, and
 * the constants are the first scanned member's.
 */
export function mergedCheckpoint(format: ModelJson['format'], memberCount: number, scans: readonly ShownScan[]): Pick<CheckpointCollector, 'constants' | 'findings'> {
  const skipped = memberCount < 2 && format !== 'graph-model';
  const members = scans.map((s) => ({ member: s.member, weights: s.scan.weights }));
  return {
    constants: () => (skipped ? undefined : scans[0]?.scan.constants),
    findings: (json) => (skipped ? [] : sharedCheckpointFindings(json, members)),
  };
}
