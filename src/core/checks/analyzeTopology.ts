import type { ModelJson } from '../load/modelJson';
import { FINDING_INFO, type Finding } from './findings';
import { groupNeeds } from './groupNeeds';
import { RULES } from './rules';
import { topologyLayers, walkLayers } from './topology';

/**
 * Static findings for a layers model audited under group `groupName`; `inputShape` is the
 * model input, batch first (null where unknown; the file's batch_input_shape fills gaps).
 * Graph models give no findings for now: their ops would need a separate reader.
 */
export function analyzeTopology(json: ModelJson, groupName: string, inputShape: (number | null)[]): Finding[] {
  if (json.format !== 'layers-model') return [];
  const layers = topologyLayers(json);
  if (layers === null) return [];
  const steps = walkLayers(layers, inputShape);
  const ctx = { needs: groupNeeds(groupName), steps };
  return steps.flatMap((step) =>
    RULES.flatMap((rule) =>
      rule.check(step, ctx).map((hit) => ({
        kind: rule.kind,
        severity: hit.severity,
        title: FINDING_INFO[rule.kind].title,
        layer: step.name,
        layerIndex: step.index,
        evidence: hit.evidence,
      })),
    ),
  );
}
