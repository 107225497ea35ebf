import type { OutputRules } from '../audit/assembleReport';
import { alternativeRepresentations } from '../audit/representationMismatch';
import { gridRank, makeGroup, parseRepresentation } from '../groups';
import type { ShardIdentity, ShardRun } from './types';

/**
 * The representation a shard's run parsed, parsed again for merge (runAudit does it alike: the
 * group on the probes' channels-last shape, channels first where the input layout says so), or
 * undefined when it cannot be: then the merged report has no pointErrorPx or mismatch finding.
 */
export function shardOutputRules(audit: ShardIdentity, run: ShardRun, outputShape: number[] | null): OutputRules | undefined {
  try {
    const group = makeGroup(audit.group, run.probes.shape.slice(1), { seed: audit.seed });
    const layout = run.model.input.layout;
    const opts = { inputGrid: run.probes.shape.slice(1, 1 + gridRank(group.layout)), channelsFirst: layout === 'NCHW' || layout === 'NCW' };
    const shape = outputShape ?? run.model.output.shape;
    const rep = parseRepresentation(audit.output, group, shape, opts);
    return { spec: audit.output, rep, alternatives: alternativeRepresentations(audit.output, rep, group, shape, opts) };
  } catch {
    return undefined;
  }
}
