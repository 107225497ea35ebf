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
  /**
   * The input is channels-first ([N, C, H, W]): layers models are walked on [N, H, W, C]; graph
   * models read each op's data_format from the graph.
   */
  channelsFirst?: boolean;
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
  // ONNX graphs are not walked (yet): the report says so once (audit/assembleReport.ts).
  if (json.format === 'onnx') return [];
  if (json.format === 'graph-model') return walkGraph(json, inputShape, opts.constants, opts.channelsFirst);
  const layers = topologyLayers(json);
  const shape = opts.channelsFirst && inputShape.length >= 3 ? [inputShape[0] ?? null, ...inputShape.slice(2), inputShape[1] ?? null] : inputShape;
  return layers === null ? [] : walkLayers(layers, shape);
}
