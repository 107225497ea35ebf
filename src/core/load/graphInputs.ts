import { isObject, type ModelJson } from './modelJson';
import type { TensorInfo } from './types';

/** TF DataType names → the dtype names reports use (tfjs's where tfjs has one). */
const DTYPES: Record<string, string> = {
  DT_FLOAT: 'float32',
  DT_HALF: 'float16',
  DT_DOUBLE: 'float64',
  DT_BFLOAT16: 'bfloat16',
  DT_INT32: 'int32',
  DT_INT64: 'int64',
  DT_INT16: 'int16',
  DT_INT8: 'int8',
  DT_UINT8: 'uint8',
  DT_UINT16: 'uint16',
  DT_UINT32: 'uint32',
  DT_UINT64: 'uint64',
  DT_BOOL: 'bool',
  DT_STRING: 'string',
  DT_COMPLEX64: 'complex64',
};

/** A declared TF dtype ('DT_UINT8' or its enum number as a string) as a name ('uint8'); null when absent. */
export function declaredDtype(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return DTYPES[v] ?? v.replace(/^DT_/, '').toLowerCase();
}

/** A TensorShapeProto as sizes (−1 → null); null when the rank is unknown; [] for a scalar. */
function shapeOf(v: unknown): (number | null)[] | null {
  if (!isObject(v) || v.unknownRank === true) return null;
  const dims = Array.isArray(v.dim) ? v.dim : [];
  return dims.map((d) => {
    const n = isObject(d) ? Number(d.size ?? -1) : -1;
    return Number.isInteger(n) && n >= 0 ? n : null;
  });
}

/**
 * Signature and Placeholder shapes joined: the known sizes of either. Converters write
 * e.g. a signature [1,320,320,3] over a Placeholder [1,-1,-1,3]; the model needs 320. Where
 * both know a size and disagree, or the ranks differ, the Placeholder wins: tfjs checks inputs
 * against it.
 */
export function joinShapes(sig: (number | null)[] | null, ph: (number | null)[] | null): (number | null)[] | null {
  if (!sig) return ph;
  if (!ph || ph.length !== sig.length) return ph ?? sig;
  return ph.map((d, i) => d ?? sig[i] ?? null);
}

/**
 * The inputs of a graph model as its file declares them, for the names tfjs gives them
 * (`names`: signature keys, else node names): shape from the signature and the Placeholder
 * (joinShapes), dtype as declared ('uint8' even though tfjs feeds it as int32). An unknown
 * rank gives shape [] and `unknownRank`; a scalar gives shape [] and `scalar`.
 */
export function graphInputInfos(json: ModelJson, names: readonly string[]): TensorInfo[] {
  const signature = isObject(json.signature) && isObject(json.signature.inputs) ? json.signature.inputs : {};
  const nodes = Array.isArray(json.modelTopology.node) ? json.modelTopology.node.filter(isObject) : [];
  return names.map((name) => {
    const entry = isObject(signature[name]) ? signature[name] : undefined;
    const tensor = typeof entry?.name === 'string' ? entry.name : name;
    const node = nodes.find((n) => n.name === tensor.replace(/:\d+$/, '') || n.name === name);
    const attr = isObject(node?.attr) ? node.attr : {};
    const ph = node && isObject(attr.shape) ? shapeOf(attr.shape.shape) : null;
    const sig = entry ? shapeOf(entry.tensorShape) : null;
    const shape = joinShapes(sig, ph);
    const dtype = declaredDtype(entry?.dtype) ?? declaredDtype(isObject(attr.dtype) ? attr.dtype.type : undefined) ?? 'float32';
    const info: TensorInfo = { name, shape: shape ?? [], dtype };
    if (shape === null) info.unknownRank = true;
    else if (shape.length === 0) info.scalar = true;
    return info;
  });
}
