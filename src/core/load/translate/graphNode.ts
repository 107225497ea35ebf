import { Untranslatable } from './activations';
import type { GraphBuilder } from './graphBuilder';

/** One node of a graph model's topology, as the converter wrote it (attributes still protobuf JSON). */
export interface GraphNode {
  name: string;
  op: string;
  /** Data inputs as written ('x', 'x:1'); control inputs ('^x') dropped. */
  inputs: string[];
  attr: Record<string, unknown>;
}

/** A constant's value as tfjs decoded it (dequantized), row-major. */
export interface ConstValue {
  dtype: string;
  shape: number[];
  data: Float32Array | Int32Array;
}

/** What an op's emitter sees: the graph under construction, the node, and its inputs. */
export interface GraphEmit {
  g: GraphBuilder;
  node: GraphNode;
  /** The ONNX name of data input `i`, a float32 tensor (a constant becomes an initializer). */
  x(i: number): string;
  /** The ONNX name of input `i` as an int64 tensor (shape arithmetic: TF's int32, ONNX's int64). */
  ints(i: number): string;
  /** Data input `i` as a constant, or undefined when it is computed. */
  constant(i: number): ConstValue | undefined;
  /** Input `i`'s shape at batch 1 as src/core/load/graphShapes.ts infers it; null where it cannot. */
  shape(i: number): (number | null)[] | null;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The converter writes strings base64-encoded (protobuf JSON). */
function decode(s: unknown): string {
  return typeof s === 'string' ? atob(s) : '';
}

/** A string attribute ('SAME', 'NHWC'); undefined when absent. */
export function attrString(n: GraphNode, key: string): string | undefined {
  const a = obj(n.attr[key]);
  return a && typeof a.s === 'string' ? decode(a.s) : undefined;
}

/** A list-of-strings attribute (fused_ops), empty when absent. */
export function attrStrings(n: GraphNode, key: string): string[] {
  const list = obj(obj(n.attr[key])?.list);
  return Array.isArray(list?.s) ? list.s.map(decode) : [];
}

/** A list-of-ints attribute (strides, ksize); undefined when absent. */
export function attrInts(n: GraphNode, key: string): number[] | undefined {
  const a = obj(n.attr[key]);
  if (!a) return undefined;
  const list = obj(a.list);
  return Array.isArray(list?.i) ? list.i.map(Number) : [];
}

/** An int attribute (num_args, block_size, masks); `fallback` when absent. */
export function attrInt(n: GraphNode, key: string, fallback: number): number {
  const a = obj(n.attr[key]);
  return a && a.i !== undefined ? Number(a.i) : fallback;
}

/** A float attribute (alpha, leakyrelu_alpha); `fallback` when absent. */
export function attrFloat(n: GraphNode, key: string, fallback: number): number {
  const a = obj(n.attr[key]);
  return a && a.f !== undefined ? Number(a.f) : fallback;
}

/** A bool attribute (align_corners, keep_dims, transpose_a). */
export function attrBool(n: GraphNode, key: string): boolean {
  return obj(n.attr[key])?.b === true;
}

/** A type attribute ('DT_FLOAT'); undefined when absent. */
export function attrType(n: GraphNode, key: string): string | undefined {
  const t = obj(n.attr[key])?.type;
  return typeof t === 'string' ? t : undefined;
}

/** The node's data format, refusing NCHW (tfjs itself runs only NHWC on CPU). */
export function requireNhwc(n: GraphNode): void {
  const f = attrString(n, 'data_format');
  if (f !== undefined && f !== 'NHWC') throw new Untranslatable(`data_format '${f}'`);
}

/** A constant input read as integers (shapes, axes, paddings); refused when computed at run time. */
export function constInts(e: GraphEmit, i: number, what: string): number[] {
  const c = e.constant(i);
  if (!c || c.dtype !== 'int32') throw new Untranslatable(`${what} is not an int32 constant`);
  return Array.from(c.data);
}

/** A constant float input (filters, biases, slopes); refused when computed at run time. */
export function constFloats(e: GraphEmit, i: number, what: string): ConstValue & { data: Float32Array } {
  const c = e.constant(i);
  if (!c || c.dtype !== 'float32' || !(c.data instanceof Float32Array)) throw new Untranslatable(`${what} is not a float32 constant`);
  return c as ConstValue & { data: Float32Array };
}

/** Reads a graph-model topology's nodes (malformed entries are left for tfjs to judge: nothing is translated). */
export function graphNodes(topology: unknown): GraphNode[] {
  const list = obj(topology)?.node;
  if (!Array.isArray(list)) throw new Untranslatable('no node list');
  return list.map((raw) => {
    const n = obj(raw);
    if (!n || typeof n.name !== 'string' || typeof n.op !== 'string') throw new Untranslatable('a malformed node');
    const inputs = Array.isArray(n.input) ? n.input.map(String).filter((s) => !s.startsWith('^')) : [];
    return { name: n.name, op: n.op, inputs, attr: obj(n.attr) ?? {} };
  });
}
