import { groupSection, modelSection, setupSections } from '../audit/assembleReport';
import type { Evaluated, MemberRun } from '../audit/memberRun';
import { float32Digest } from './digest';
import type { ShardRun } from './types';

/** The report sections this shard's run computed; the shard holding member 0 adds member 0's JSON. */
export function shardRun(run: MemberRun, e: Evaluated): ShardRun {
  return {
    model: modelSection(e.first, e.input, e.output, e.inputReport, e.outputShape),
    group: groupSection(e.group, e.interpolationFloor),
    ...setupSections(e.rep, e.probes),
    probesDigest: float32Digest(e.probes.data),
    outputShape: e.kind ? e.outputShape : null,
    ...(run.selected[0] === 0 && { firstJson: run.firstJson }),
  };
}
