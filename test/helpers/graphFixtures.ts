// Hand-written graph models: a few ops, constants stored as weights, signature optional.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A graph node as tfjs-converter reads it. */
export interface Node {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}

/** A constant: its node and the weight holding its value. */
export interface Const {
  name: string;
  dtype: 'float32' | 'int32';
  shape: number[];
  values: number[];
}

const TF_DTYPE = { float32: 'DT_FLOAT', int32: 'DT_INT32' } as const;

/** TensorShapeProto for sizes (null → −1); `null` for an unknown rank. */
export function dims(shape: (number | null)[] | null): Record<string, unknown> {
  return shape === null ? { unknownRank: true } : { dim: shape.map((d) => ({ size: String(d ?? -1) })) };
}

/** A Placeholder of a TF dtype ('DT_FLOAT', 'DT_INT32', 'DT_UINT8'). */
export function placeholder(name: string, dtype: string, shape: (number | null)[] | null): Node {
  return { name, op: 'Placeholder', attr: { dtype: { type: dtype }, shape: { shape: dims(shape) } } };
}

/** An op with float T. */
export function op(name: string, kind: string, input: string[], attr: Record<string, unknown> = {}): Node {
  return { name, op: kind, input, attr: { T: { type: 'DT_FLOAT' }, ...attr } };
}

/** Writes `dir`/model.json (+ weights.bin) and returns the JSON's path. */
export function writeGraph(
  dir: string,
  nodes: Node[],
  consts: Const[],
  signature?: { inputs: Record<string, { name: string; dtype: string; shape: (number | null)[] | null }>; outputs: Record<string, { name: string; dtype: string; shape: (number | null)[] | null }> },
): string {
  mkdirSync(dir, { recursive: true });
  const constNodes: Node[] = consts.map((c) => ({
    name: c.name,
    op: 'Const',
    attr: { dtype: { type: TF_DTYPE[c.dtype] }, value: { tensor: { dtype: TF_DTYPE[c.dtype], tensorShape: dims(c.shape) } } },
  }));
  const bytes = consts.map((c) => new Uint8Array((c.dtype === 'int32' ? Int32Array.from(c.values) : Float32Array.from(c.values)).buffer));
  const data = new Uint8Array(bytes.reduce((s, b) => s + b.byteLength, 0));
  bytes.reduce((o, b) => (data.set(b, o), o + b.byteLength), 0);
  writeFileSync(join(dir, 'weights.bin'), data);
  const sig = signature && {
    inputs: Object.fromEntries(Object.entries(signature.inputs).map(([k, v]) => [k, { name: v.name, dtype: v.dtype, tensorShape: dims(v.shape) }])),
    outputs: Object.fromEntries(Object.entries(signature.outputs).map(([k, v]) => [k, { name: v.name, dtype: v.dtype, tensorShape: dims(v.shape) }])),
  };
  const json = {
    format: 'graph-model',
    generatedBy: 'EquiLens test fixtures',
    convertedBy: null,
    modelTopology: { node: [...constNodes, ...nodes], library: {}, versions: { producer: 1 } },
    weightsManifest: [{ paths: ['weights.bin'], weights: consts.map((c) => ({ name: c.name, shape: c.shape, dtype: c.dtype })) }],
    ...(sig && { signature: sig }),
  };
  const file = join(dir, 'model.json');
  writeFileSync(file, JSON.stringify(json));
  return file.split('\\').join('/');
}
