import { isObject, type ModelJson } from '../../load/modelJson';
import { graphNodes } from '../graph/graphNodes';
import { CONV_OPS } from '../graph/graphWindows';
import { topologyLayers } from '../topology';

/** The layer (or graph node) a weight belongs to, and the weight's short name within it. */
export interface WeightOwner {
  layer: string;
  layerIndex?: number;
  node?: string;
  weight: string;
}

// Layers whose weights are statistics of the data (adapt()), legitimately equal in every member.
const STATISTICS = new Set(['Normalization']);
// Graph ops whose constant inputs are trained parameters (others: shapes, axes, folded statistics).
const WEIGHT_OPS = new Set([
  ...CONV_OPS,
  'MatMul',
  '_FusedMatMul',
  'BatchMatMul',
  'BatchMatMulV2',
  'BiasAdd',
  'Prelu',
  'FusedBatchNorm',
  'FusedBatchNormV2',
  'FusedBatchNormV3',
  'Conv2DBackpropInput',
  'Conv3D',
]);

/** The owner of each weight in `names` (manifest names of the first member); null for weights that are not parameters. */
export function weightOwners(json: ModelJson, names: readonly string[]): (WeightOwner | null)[] {
  return json.format === 'graph-model' ? graphOwners(json, names) : layerOwners(json, names);
}

/** Layers models name weights '<layer>/<weight>'; the longest matching layer name wins (names may contain '/'). */
function layerOwners(json: ModelJson, names: readonly string[]): (WeightOwner | null)[] {
  const layers = (topologyLayers(json) ?? []).map((l, index) => ({
    name: isObject(l.config) && typeof l.config.name === 'string' ? l.config.name : String(l.name ?? ''),
    className: String(l.class_name ?? ''),
    index,
  }));
  return names.map((name) => {
    const owner = layers.filter((l) => l.name && name.startsWith(`${l.name}/`)).sort((a, b) => b.name.length - a.name.length)[0];
    if (owner && STATISTICS.has(owner.className)) return null;
    if (owner) return { layer: owner.name, layerIndex: owner.index, weight: name.slice(owner.name.length + 1) };
    const cut = name.lastIndexOf('/');
    return { layer: cut > 0 ? name.slice(0, cut) : name, weight: cut > 0 ? name.slice(cut + 1) : name };
  });
}

/** Graph models: a Const belongs to the first weight-consuming op that reads it (directly or through Identity). */
function graphOwners(json: ModelJson, names: readonly string[]): (WeightOwner | null)[] {
  const nodes = graphNodes(json);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const owner = new Map<string, WeightOwner>();
  for (const n of nodes) {
    if (!WEIGHT_OPS.has(n.op)) continue;
    for (const input of n.inputs.slice(1)) {
      let source = input === null ? undefined : byName.get(input);
      for (let hops = 0; source && source.op === 'Identity' && hops < 16; hops++) source = byName.get(source.inputs[0] ?? '');
      if (source?.op === 'Const' && !owner.has(source.name)) owner.set(source.name, { layer: n.name, layerIndex: n.index, node: n.name, weight: source.name });
    }
  }
  return names.map((name) => owner.get(name) ?? null);
}
