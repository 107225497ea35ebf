import { isObject, type ModelJson } from '../../load/modelJson';
import { shapeProto, type GraphNode } from './graphNodes';

/** Small integer constants (paddings, slice bounds) by Const node name, read from the weights. */
export type ConstantValues = ReadonlyMap<string, readonly number[]>;

/** Shapes and values of the Const nodes a node reads, looking through Identity. */
export interface ConstReader {
  shape(name: string | null): number[] | null;
  /** Values when known: from `constants` (the converter moves every Const's values to the weights), else inline intVal. */
  values(name: string | null): number[] | null;
}

const PASS = new Set(['Identity', 'StopGradient', 'Snapshot']);

export function constReader(json: ModelJson, nodes: GraphNode[], constants?: ConstantValues): ConstReader {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const manifest = new Map<string, number[]>();
  for (const group of json.weightsManifest) for (const w of group.weights) manifest.set(w.name, w.shape);
  const resolve = (name: string | null): GraphNode | null => {
    let node = name === null ? undefined : byName.get(name);
    for (let hops = 0; node && PASS.has(node.op) && hops < 16; hops++) node = byName.get(node.inputs[0] ?? '');
    return node?.op === 'Const' ? node : null;
  };
  const tensor = (node: GraphNode) => (isObject(node.attr.value) && isObject(node.attr.value.tensor) ? node.attr.value.tensor : {});
  const shape = (name: string | null): number[] | null => {
    const node = resolve(name);
    if (!node) return null;
    const dims = manifest.get(node.name) ?? shapeProto(tensor(node).tensorShape);
    return dims && dims.every((d): d is number => d !== null) ? dims : null;
  };
  return {
    shape,
    values(name) {
      const node = resolve(name);
      if (!node) return null;
      const given = constants?.get(node.name);
      if (given) return [...given];
      const t = tensor(node);
      const inline = Array.isArray(t.intVal) ? t.intVal : Array.isArray(t.int64Val) ? t.int64Val : null;
      if (!inline || inline.length === 0) return null;
      const count = (shape(node.name) ?? [inline.length]).reduce((a, b) => a * b, 1);
      // TensorProto repeats a single value to fill the whole shape.
      const values = inline.length === 1 ? Array<unknown>(count).fill(inline[0]) : inline;
      const out = values.map(Number);
      return out.length === count && out.every(Number.isInteger) ? out : null;
    },
  };
}
