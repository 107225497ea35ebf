// The structure of an ONNX ModelProto (onnx/onnx.proto3), read with protobuf.ts: graph inputs,
// outputs, nodes and initializer shapes. Initializer values are skipped, never copied (but for
// small integer constants, which size checks need: constantSizes.ts): the structure is what the
// fingerprint, the caps and the output's final activation need.
import { EquiLensError } from '../../errors';
import type { Limits } from '../limits';
import { checkConstantSizes, type KnownConstant } from './constantSizes';
import { dtypeName, readTensor } from './onnxTensor';
import { fields, float32, int64, ProtobufError, repeatedFloats, repeatedInts, text, utf8, type Field } from './protobuf';

/** A graph input or output; shape null when the file leaves the rank open, strings for symbolic sizes. */
export interface OnnxValue {
  name: string;
  dtype: string;
  shape: (number | string | null)[] | null;
}

export interface OnnxNode {
  op: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, unknown>;
}

export interface OnnxGraph {
  opsets: { domain: string; version: number }[];
  /** Graph inputs that are not initializers (those are weights with defaults). */
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  nodes: OnnxNode[];
  initializers: { name: string; dtype: string; dims: number[] }[];
  /** Some tensor keeps its data in another file (models over 2 GB): not read by EquiLens. */
  externalData: boolean;
}

/** Nested graphs (If/Loop bodies) deeper than this are refused: the walk recurses. */
const MAX_GRAPH_DEPTH = 32;

export { dtypeName };

/** What one parse carries down into subgraphs: the node count (capped) and the constants seen so far. */
interface Walk {
  nodes: number;
  consts: Map<string, KnownConstant>;
}

/** Parses an ONNX file's structure; a file that is not an ONNX model, or breaks a cap, is one EquiLensError naming it. */
export function parseOnnx(bytes: Uint8Array, path: string, limits: Limits): OnnxGraph {
  let model: Field[];
  try {
    model = fields(bytes, new Set([7, 8]));
  } catch (e) {
    throw notOnnx(path, e);
  }
  const graphField = model.find((f) => f.no === 7 && f.wire === 2);
  if (!graphField) throw new EquiLensError(path, 'is not an ONNX model (no graph)');
  let graph: OnnxGraph;
  try {
    graph = readGraph(graphField.bytes, { nodes: 0, consts: new Map() }, limits, path, 0);
    graph.opsets = model
      .filter((f) => f.no === 8 && f.wire === 2)
      .map((f) => {
        const o = fields(f.bytes, new Set([1, 2]));
        return { domain: str(o, 1), version: num(o, 2) };
      });
  } catch (e) {
    if (e instanceof EquiLensError) throw e;
    throw notOnnx(path, e);
  }
  if (!graph.nodes.length) throw new EquiLensError(path, 'is not an ONNX model (the graph has no nodes)');
  return graph;
}

function notOnnx(path: string, e: unknown): EquiLensError {
  if (e instanceof ProtobufError && !e.malformed) return new EquiLensError(path, `is not a valid ONNX model (${e.message})`);
  const why = e instanceof ProtobufError ? `: ${e.message}` : '';
  return new EquiLensError(path, `is not a valid ONNX model (not protobuf, or truncated${why})`);
}

function readGraph(buf: Uint8Array, walk: Walk, limits: Limits, path: string, depth: number): OnnxGraph {
  if (depth > MAX_GRAPH_DEPTH) throw new EquiLensError(path, `ONNX subgraphs nested deeper than ${MAX_GRAPH_DEPTH}`);
  // Only nodes, initializers, inputs and outputs: value_info, docs and sparse weights are skipped unread.
  const g = fields(buf, new Set([1, 5, 11, 12]));
  const nodes: OnnxNode[] = [];
  const initializers: OnnxGraph['initializers'] = [];
  let externalData = false;
  for (const f of g) {
    if (f.wire !== 2) continue;
    if (f.no === 1) {
      if (++walk.nodes > limits.maxTopologyNodes) throw new EquiLensError(path, `graph has more than ${limits.maxTopologyNodes} nodes, over the limit`);
      const node = readNode(f.bytes, walk, limits, path, depth);
      externalData ||= node.external;
      nodes.push(node.node);
    } else if (f.no === 5) {
      const t = readTensor(f.bytes, limits, path, 'initializer');
      externalData ||= t.external;
      initializers.push({ name: t.name, dtype: t.dtype, dims: t.dims });
      walk.consts.set(t.name, { dims: t.dims, ints: t.ints });
    }
  }
  // Outer constants stay visible in subgraphs (ONNX scoping), so the check runs per graph as read.
  checkConstantSizes(nodes, walk.consts, limits, path);
  const weights = new Set(initializers.map((i) => i.name));
  const values = (no: number) => g.filter((f) => f.no === no && f.wire === 2).map((f) => readValue(f.bytes));
  return {
    opsets: [],
    inputs: values(11).filter((v) => !weights.has(v.name)),
    outputs: values(12),
    nodes,
    initializers,
    externalData,
  };
}

function readNode(buf: Uint8Array, walk: Walk, limits: Limits, path: string, depth: number): { node: OnnxNode; external: boolean } {
  const n = fields(buf, new Set([1, 2, 4, 5, 7]));
  const attrs: Record<string, unknown> = {};
  let external = false;
  let constant: KnownConstant | undefined;
  for (const f of n) {
    if (f.no !== 5 || f.wire !== 2) continue;
    const a = fields(f.bytes, ATTR_FIELDS);
    const name = str(a, 1);
    const value = attrValue(a, walk, limits, path, depth);
    external ||= value.external;
    attrs[name] = value.value;
    if (value.tensor && name === 'value') constant = value.tensor;
  }
  const node: OnnxNode = { op: str(n, 4), domain: str(n, 7), inputs: strs(n, 1), outputs: strs(n, 2), attrs };
  if (constant && node.op === 'Constant' && node.outputs[0]) walk.consts.set(node.outputs[0], constant);
  return { node, external };
}

/** AttributeProto: name, the value fields f, i, s, t, g, floats, ints, strings, tensors, graphs. */
const ATTR_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

/** An attribute's value as plain data: tensors as their dtype and dims, graphs as their structure. */
function attrValue(a: Field[], walk: Walk, limits: Limits, path: string, depth: number): { value: unknown; external: boolean; tensor?: KnownConstant } {
  const has = (no: number) => a.some((f) => f.no === no);
  const sub = (b: Uint8Array) => summary(readGraph(b, walk, limits, path, depth + 1));
  if (has(5)) {
    const t = readTensor(a.find((f) => f.no === 5)!.bytes, limits, path, 'attribute tensor');
    // The values stay out of `value`: the fingerprint hashes attributes, never weights.
    return { value: { dtype: t.dtype, dims: t.dims }, external: t.external, tensor: { dims: t.dims, ints: t.ints } };
  }
  if (has(6)) return { value: sub(a.find((f) => f.no === 6)!.bytes), external: false };
  if (has(11)) return { value: a.filter((f) => f.no === 11).map((f) => sub(f.bytes)), external: false };
  if (has(10)) {
    const ts = a.filter((f) => f.no === 10).map((f) => readTensor(f.bytes, limits, path, 'attribute tensor'));
    return { value: ts.map((t) => ({ dtype: t.dtype, dims: t.dims })), external: ts.some((t) => t.external) };
  }
  if (has(2)) return { value: float32(a.find((f) => f.no === 2)!), external: false };
  if (has(3)) return { value: int64(a.find((f) => f.no === 3)!), external: false };
  if (has(4)) return { value: text(a.find((f) => f.no === 4)!), external: false };
  if (has(7)) return { value: repeatedFloats(a, 7), external: false };
  if (has(8)) return { value: repeatedInts(a, 8), external: false };
  // Attribute strings are `bytes` in onnx.proto: any bytes, read leniently.
  if (has(9)) return { value: a.filter((f) => f.no === 9 && f.wire === 2).map(text), external: false };
  return { value: null, external: false };
}

function readValue(buf: Uint8Array): OnnxValue {
  const v = fields(buf, new Set([1, 2]));
  const type = v.find((f) => f.no === 2 && f.wire === 2);
  // Only tensor types: sequences, maps and optionals (which nest) are not walked.
  const tensor = type && fields(type.bytes, new Set([1])).find((f) => f.no === 1 && f.wire === 2);
  if (!tensor) return { name: str(v, 1), dtype: 'unknown', shape: null };
  const t = fields(tensor.bytes, new Set([1, 2]));
  const shape = t.find((f) => f.no === 2 && f.wire === 2);
  const dims = shape
    ? fields(shape.bytes, new Set([1]))
        .filter((f) => f.no === 1 && f.wire === 2)
        .map((d) => {
          const df = fields(d.bytes, new Set([1, 2]));
          const value = df.find((f) => f.no === 1 && f.wire === 0);
          if (value) return int64(value);
          const param = df.find((f) => f.no === 2 && f.wire === 2);
          return param ? utf8(param) : null;
        })
    : null;
  return { name: str(v, 1), dtype: dtypeName(num(t, 1)), shape: dims };
}

/**
 * The graph as the fingerprint hashes it: ops, wiring (value names replaced by their order of
 * first appearance, so exporters' naming does not matter), attributes and initializer shapes.
 */
export function summary(g: OnnxGraph): unknown {
  const ids = new Map<string, string>();
  const id = (name: string) => {
    if (name === '') return '';
    if (!ids.has(name)) ids.set(name, `v${ids.size}`);
    return ids.get(name)!;
  };
  // Symbolic sizes ('N', 'batch_size') are exporters' names: any open size is '?'.
  const open = (s: OnnxValue['shape']) => s?.map((d) => (typeof d === 'number' && d >= 0 ? d : '?')) ?? null;
  const inputs = g.inputs.map((v) => ({ id: id(v.name), dtype: v.dtype, shape: open(v.shape) }));
  const initializers = g.initializers.map((w) => [id(w.name), w.dtype, w.dims]);
  const nodes = g.nodes.map((n) => ({ op: n.op, domain: n.domain, inputs: n.inputs.map(id), outputs: n.outputs.map(id), attrs: n.attrs }));
  const outputs = g.outputs.map((v) => ({ id: id(v.name), dtype: v.dtype, shape: open(v.shape) }));
  return { opsets: g.opsets, inputs, initializers, nodes, outputs };
}

/** Ops that pass their input's activation through unchanged in kind. */
const PASS_THROUGH = new Set(['Reshape', 'Flatten', 'Identity', 'Squeeze', 'Unsqueeze', 'Cast']);

/** 'softmax' | 'sigmoid' when the named output (default: the first) ends with one, looking through reshapes. */
export function onnxFinalActivation(g: OnnxGraph, outputName?: string): 'softmax' | 'sigmoid' | null {
  let name: string | undefined = outputName ?? g.outputs[0]?.name;
  for (let hops = 0; name !== undefined && hops < 16; hops++) {
    const node = g.nodes.find((n) => n.outputs.includes(name!));
    if (!node) return null;
    if (node.op === 'Softmax') return 'softmax';
    if (node.op === 'Sigmoid') return 'sigmoid';
    if (!PASS_THROUGH.has(node.op)) return null;
    name = node.inputs[0];
  }
  return null;
}

/** A proto3 `string` (names, op types, domains): UTF-8 or the file is refused. */
function str(list: readonly Field[], no: number): string {
  const f = list.find((x) => x.no === no && x.wire === 2);
  return f ? utf8(f) : '';
}

function strs(list: readonly Field[], no: number): string[] {
  return list.filter((x) => x.no === no && x.wire === 2).map(utf8);
}

function num(list: readonly Field[], no: number): number {
  const f = list.find((x) => x.no === no && x.wire === 0);
  return f ? int64(f) : 0;
}
