import { graphNodes } from '../checks/graph/graphNodes';
import type { ModelJson } from './modelJson';
import type { NonFiniteWeight } from './nonFiniteWeights';

/**
 * Graph ops and the input positions where a constant is a sentinel value, not a parameter:
 * PadV2's constant_values (converters write max pooling with explicit pads as PadV2(−Inf) then
 * MaxPool), the IoU and score thresholds of non-maximum suppression (−Inf: keep every score,
 * as faceboxes does), and the bounds of a clip (Maximum/Minimum with ∓Inf are no-ops).
 */
const PADDING_INPUTS: Record<string, readonly number[]> = {
  PadV2: [2],
  NonMaxSuppressionV2: [3],
  NonMaxSuppressionV3: [3, 4],
  NonMaxSuppressionV4: [3, 4],
  NonMaxSuppressionV5: [3, 4, 5],
  ClipByValue: [1, 2],
  Maximum: [0, 1],
  Minimum: [0, 1],
};
/** Ops that pass a value on unchanged (Enter: into a while loop's frame). */
const PASS_THROUGH = new Set(['Identity', 'Enter']);

/**
 * Graph models: the constants (weight names) that every node reading them reads as a padding
 * value, a threshold or a clip bound (through Identity and Enter nodes). Layers models have none: their weights are all parameters.
 */
export function paddingConstants(json: ModelJson): Set<string> {
  if (json.format !== 'graph-model') return new Set();
  const nodes = graphNodes(json);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  // What each constant feeds, seen through Identity chains: padding uses and other uses.
  const uses = new Map<string, { padding: number; other: number }>();
  const source = (name: string | null): string | null => {
    let n = name === null ? undefined : byName.get(name);
    for (let hops = 0; n && PASS_THROUGH.has(n.op) && hops < 16; hops++) n = byName.get(n.inputs[0] ?? '');
    return n?.op === 'Const' ? n.name : null;
  };
  for (const n of nodes) {
    if (PASS_THROUGH.has(n.op)) continue;
    n.inputs.forEach((input, position) => {
      const c = source(input);
      if (!c) return;
      const u = uses.get(c) ?? { padding: 0, other: 0 };
      if (PADDING_INPUTS[n.op]?.includes(position)) u.padding++;
      else u.other++;
      uses.set(c, u);
    });
  }
  return new Set([...uses].filter(([, u]) => u.padding > 0 && u.other === 0).map(([name]) => name));
}

/** The non-finite weights that are parameters: padding values, thresholds and clip bounds are left out. */
export function nonFiniteParameters(json: ModelJson, weights: readonly NonFiniteWeight[]): NonFiniteWeight[] {
  if (!weights.length || json.format !== 'graph-model') return [...weights];
  const padding = paddingConstants(json);
  return weights.filter((w) => !padding.has(w.name));
}
