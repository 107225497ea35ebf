import type { ModelJson } from '../load/modelJson';
import { FINDING_INFO, type Finding } from './findings';
import type { ConstantValues } from './graph/graphConsts';
import { walkGraph } from './graph/walkGraph';
import { groupNeeds } from './groupNeeds';
import { RULES } from './rules';
import type { LayerStep } from './step';
import { topologyLayers, walkLayers } from './topology';

export interface AnalyzeOptions {
  /** Graph models: values of small integer constants (Pad paddings, Slice bounds) read from the weights. */
  constants?: ConstantValues;
}

/**
 * Static findings for a model audited under group `groupName`; `inputShape` is the model
 * input, batch first (null where unknown; the file's declared shape fills gaps). Layers models
 * are read layer by layer, graph models op by op (findings then also name the node).
 */
export function analyzeTopology(json: ModelJson, groupName: string, inputShape: (number | null)[], opts: AnalyzeOptions = {}): Finding[] {
  const steps = modelSteps(json, inputShape, opts);
  const ctx = { needs: groupNeeds(groupName), steps };
  return steps.flatMap((step) =>
    RULES.flatMap((rule) =>
      rule.check(step, ctx).map((hit) => ({
        kind: rule.kind,
        severity: hit.severity,
        title: FINDING_INFO[rule.kind].title,
        layer: step.name,
        layerIndex: step.index,
        ...(step.node !== undefined && { node: step.node }),
        evidence: hit.evidence,
      })),
    ),
  );
}

function modelSteps(json: ModelJson, inputShape: (number | null)[], opts: AnalyzeOptions): LayerStep[] {
  if (json.format === 'graph-model') return walkGraph(json, inputShape, opts.constants);
  const layers = topologyLayers(json);
  return layers === null ? [] : walkLayers(layers, inputShape);
}
