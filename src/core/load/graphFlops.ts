// FLOP counting for graph models (see flops.ts for what is counted). Shapes are propagated from
// the Placeholder through the ops whose output shape follows from their inputs' shapes and
// attributes; constants have the shapes of the weights manifest. Constant *values* (paddings,
// reshape targets, concat axes) live in the weight files, so shapes behind Pad, Reshape or
// ConcatV2 are unknown, and a convolution that reads one makes the count null.
import { isObject, type ModelJson } from './modelJson';

type Shape = (number | null)[] | null;
type Attrs = Record<string, unknown>;
interface GraphNode {
  name: string;
  op: string;
  inputs: string[];
  attr: Attrs;
}

const PASS = new Set(['Identity', 'IdentityN', 'StopGradient', 'Snapshot', 'Cast']);
const UNARY = new Set([
  'Relu',
  'Relu6',
  'Elu',
  'Selu',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'LeakyRelu',
  'Softplus',
  'Exp',
  'Log',
  'Neg',
  'Abs',
  'Square',
  'Sqrt',
  'Rsqrt',
  'Reciprocal',
  'Erf',
]);
const BINARY = new Set(['BiasAdd', 'Add', 'AddV2', 'Sub', 'Mul', 'RealDiv', 'Div', 'Maximum', 'Minimum', 'Prelu', 'SquaredDifference', 'Pow']);
const BATCH_NORMS = new Set(['FusedBatchNorm', 'FusedBatchNormV2', 'FusedBatchNormV3']);
const CONVS = new Set(['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative']);
const MATMULS = new Set(['MatMul', '_FusedMatMul']);
const POOLS = new Set(['MaxPool', 'AvgPool']);
const REDUCTIONS = new Set(['Mean', 'Max', 'Min', 'Sum']);
// Heavy ops this counter does not size: counting around them would understate the model.
const UNCOUNTED = new Set(['Conv2DBackpropInput', 'Conv3D', 'BatchMatMul', 'BatchMatMulV2', 'Einsum', 'While', 'StatelessWhile', 'If', 'StatelessIf', 'PartitionedCall', 'StatefulPartitionedCall']);

/** Multiply-adds and other FLOPs per image of a graph model, or null (see the file comment). */
export function graphFlops(json: ModelJson, sample: (number | null)[], weights: Map<string, number[]>): { multiplyAdds: number; other: number } | null {
  const topo = json.modelTopology;
  const functions = isObject(topo.library) ? topo.library.function : undefined;
  if (Array.isArray(functions) && functions.length > 0) return null; // ops hidden in function bodies
  const nodes = (Array.isArray(topo.node) ? topo.node : []).filter(isObject).map(readNode);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const shapes = new Map<string, Shape>();
  let inputTaken = false;
  let macs = 0;
  let other = 0;
  for (const node of topoOrder(nodes, byName)) {
    const ins = node.inputs.map((i) => (i.includes(':') && !i.endsWith(':0') ? null : (shapes.get(i.split(':')[0]!) ?? null)));
    let shape: Shape = null;
    const op = node.op;
    if (op === 'Placeholder') {
      const declared = shapeAttr(node.attr.shape);
      // The model input gets the audited sample shape; other placeholders keep theirs.
      const fits: boolean = !inputTaken && (declared === null || declared.length === sample.length + 1);
      shape = fits ? [null, ...sample] : declared;
      inputTaken ||= fits;
    } else if (op === 'Const') {
      shape = weights.get(node.name) ?? tensorShape(node.attr.value);
    } else if (PASS.has(op)) {
      shape = ins[0] ?? null;
    } else if (UNARY.has(op) || BINARY.has(op) || BATCH_NORMS.has(op)) {
      shape = BINARY.has(op) ? broadcast(ins[0] ?? null, ins[1] ?? null) : (ins[0] ?? null);
      other += (BATCH_NORMS.has(op) ? 2 : 1) * (perImage(shape) ?? 0);
    } else if (CONVS.has(op)) {
      const r = conv(node, ins[0] ?? null, ins[1] ?? null);
      if (r === null) return null;
      shape = r.shape;
      macs += r.macs;
      other += fusedCount(node) * perImage(shape)!;
    } else if (MATMULS.has(op)) {
      const r = matmul(node, ins[0] ?? null, ins[1] ?? null);
      if (r === null) return null;
      shape = r.shape;
      macs += r.macs;
      other += fusedCount(node) * r.outPerImage;
    } else if (POOLS.has(op)) {
      const k = ints(node.attr.ksize);
      shape = window(ins[0] ?? null, k, ints(node.attr.strides), [1, 1, 1, 1], str(node.attr.padding), []);
      other += (perImage(shape) ?? 0) * (k ? k[1]! * k[2]! : 0);
    } else if (REDUCTIONS.has(op)) {
      shape = reduction(ins[0] ?? null, ins[1] ?? null, node.attr.keep_dims);
      if (shape !== null) other += perImage(ins[0] ?? null) ?? 0;
    } else if (op === 'Squeeze') {
      const x = ins[0] ?? null;
      const dims = (ints(node.attr.squeeze_dims) ?? []).map((d) => (x && d < 0 ? d + x.length : d));
      shape = x && dims.length > 0 ? x.filter((_, i) => !dims.includes(i)) : null;
    } else if (UNCOUNTED.has(op)) {
      return null;
    }
    shapes.set(node.name, shape);
  }
  return { multiplyAdds: macs, other };
}

function readNode(n: Record<string, unknown>): GraphNode {
  const inputs = Array.isArray(n.input) ? n.input.map(String).filter((i) => !i.startsWith('^')) : [];
  return { name: String(n.name), op: String(n.op), inputs, attr: isObject(n.attr) ? n.attr : {} };
}

/** Nodes with their inputs first (files need not be sorted); nodes on a cycle come last, unsized. */
function topoOrder(nodes: GraphNode[], byName: Map<string, GraphNode>): GraphNode[] {
  const state = new Map<string, 'open' | 'done'>();
  const out: GraphNode[] = [];
  for (const root of nodes) {
    const stack: [GraphNode, number][] = [[root, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [node, next] = top;
      if (next === 0) {
        if (state.has(node.name)) {
          stack.pop();
          continue;
        }
        state.set(node.name, 'open');
      }
      const dep = next < node.inputs.length ? byName.get(node.inputs[next]!.split(':')[0]!) : undefined;
      top[1] = next + 1;
      if (next < node.inputs.length) {
        if (dep && !state.has(dep.name)) stack.push([dep, 0]);
        continue;
      }
      state.set(node.name, 'done');
      out.push(node);
      stack.pop();
    }
  }
  return out;
}

function conv(node: GraphNode, x: Shape, filter: Shape): { shape: Shape; macs: number } | null {
  if (str(node.attr.data_format) === 'NCHW' || !x || x.length !== 4 || !filter || filter.length !== 4 || filter.some((d) => d === null)) return null;
  const [kh, kw, cin, k3] = filter as [number, number, number, number];
  const depthwise = node.op.includes('Depthwise');
  const cout = depthwise ? cin * k3 : k3;
  const out = window(x, [1, kh, kw, 1], ints(node.attr.strides), ints(node.attr.dilations) ?? [1, 1, 1, 1], str(node.attr.padding), ints(node.attr.explicit_paddings) ?? []);
  const [oh, ow] = [out?.[1], out?.[2]];
  if (oh === null || oh === undefined || ow === null || ow === undefined) return null;
  // Kernel elements per output position: kh·kw·cin·cout (conv), kh·kw·cin·multiplier (depthwise).
  return { shape: [x[0] ?? null, oh, ow, cout], macs: oh * ow * kh * kw * cin * k3 };
}

function matmul(node: GraphNode, a: Shape, b: Shape): { shape: Shape; macs: number; outPerImage: number } | null {
  if (!b || b.length !== 2 || b.some((d) => d === null)) return null;
  const [k, m] = (node.attr.transpose_b as { b?: unknown } | undefined)?.b === true ? [b[1]!, b[0]!] : [b[0]!, b[1]!];
  // Rows are the batch: one row of K per image (what follows pooling or flattening).
  return { shape: [a?.[0] ?? null, m], macs: k * m, outPerImage: m };
}

/** Output shape of a sliding window over NHWC input; null when unknown. */
function window(x: Shape, k: number[] | null, s: number[] | null, d: number[], padding: string | null, explicit: number[]): Shape {
  if (!x || x.length !== 4 || !k || !s) return null;
  const axis = (n: number | null, a: 1 | 2): number | null => {
    if (n === null) return null;
    const kEff = (k[a]! - 1) * (d[a] ?? 1) + 1;
    if (padding === 'SAME') return Math.ceil(n / s[a]!);
    if (padding === 'VALID') return Math.floor((n - kEff) / s[a]!) + 1;
    if (padding === 'EXPLICIT' && explicit.length === 8) return Math.floor((n + explicit[2 * a]! + explicit[2 * a + 1]! - kEff) / s[a]!) + 1;
    return null;
  };
  return [x[0] ?? null, axis(x[1] ?? null, 1), axis(x[2] ?? null, 2), x[3] ?? null];
}

/** Global pooling as converted models write it: a rank-4 map reduced over two axes (H and W). */
function reduction(x: Shape, axes: Shape, keepDims: unknown): Shape {
  if (!x || x.length !== 4 || !axes || axes.length !== 1 || axes[0] !== 2) return null;
  return (keepDims as { b?: unknown } | undefined)?.b === true ? [x[0] ?? null, 1, 1, x[3] ?? null] : [x[0] ?? null, x[3] ?? null];
}

/** One FLOP per output element for each op fused after a convolution or matmul. */
function fusedCount(node: GraphNode): number {
  const ops = strs(node.attr.fused_ops);
  return ops.reduce((n, op) => n + (op === 'FusedBatchNorm' ? 2 : 1), 0);
}

function broadcast(a: Shape, b: Shape): Shape {
  if (!a || !b) return a ?? null;
  const long = a.length >= b.length ? a : b;
  const short = long === a ? b : a;
  const off = long.length - short.length;
  return long.map((d, i) => (i < off ? d : d === 1 ? short[i - off]! : d));
}

/** Elements per image (all axes but the batch); null when one is unknown. */
function perImage(shape: Shape): number | null {
  if (!shape) return null;
  let n = 1;
  for (const d of shape.slice(1)) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

function shapeAttr(v: unknown): Shape {
  const s = isObject(v) && isObject(v.shape) ? v.shape : null;
  if (!s || s.unknownRank === true) return null;
  return (Array.isArray(s.dim) ? s.dim : []).map((d: unknown) => {
    const n = isObject(d) ? Number(d.size) : NaN;
    return Number.isFinite(n) && n >= 0 ? n : null;
  });
}

function tensorShape(v: unknown): Shape {
  const t = isObject(v) && isObject(v.tensor) ? v.tensor : null;
  return t ? shapeAttr({ shape: t.tensorShape ?? {} }) : null;
}

function ints(v: unknown): number[] | null {
  const list = isObject(v) && isObject(v.list) ? v.list.i : undefined;
  return Array.isArray(list) ? list.map(Number) : null;
}

function str(v: unknown): string | null {
  const s = isObject(v) ? v.s : undefined;
  return typeof s === 'string' ? decode(s) : null;
}

function strs(v: unknown): string[] {
  const list = isObject(v) && isObject(v.list) ? v.list.s : undefined;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string').map(decode) : [];
}

/** Graph attrs hold strings as base64 bytes. */
function decode(s: string): string {
  try {
    return atob(s);
  } catch {
    return s;
  }
}
