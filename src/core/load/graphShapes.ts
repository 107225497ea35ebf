import { isObject, type ModelJson } from './modelJson';
import type { NodeOutput } from './workingSet';

/** A shape with unknown dimensions as null; null itself when even the rank is unknown. */
type Shape = (number | null)[] | null;
interface Value {
  shape: Shape;
  /** The values of a small integer tensor, when known (constants, and what passes them through). */
  ints?: number[];
}

/**
 * Every computing node's output shape at batch 1, propagated through the graph from the
 * placeholders' shapes (batch → 1; `sample` gives sizes the file leaves open) and the small
 * integer constants (`ints`: Tile multiples, resize sizes, paddings, reshape targets …). Ops not
 * modelled here give no shape; after them only the sizes constants fix are known (the others
 * are null and count as 1), so the result is never more than tfjs will allocate, only less.
 */
export function graphNodeOutputs(json: ModelJson, ints: ReadonlyMap<string, number[]>, sample?: ReadonlyMap<string, readonly number[]>): NodeOutput[] {
  const nodes = Array.isArray(json.modelTopology.node) ? json.modelTopology.node.filter(isObject) : [];
  const byName = new Map(nodes.map((n) => [String(n.name), n]));
  const values = new Map<string, Value>();
  const out: NodeOutput[] = [];
  const visiting = new Set<string>();
  // Iterative post-order walk: graphs of 200 000 nodes must not recurse.
  for (const start of byName.keys()) {
    const stack: string[] = [start];
    while (stack.length) {
      const name = stack[stack.length - 1]!;
      if (values.has(name)) {
        stack.pop();
        continue;
      }
      const node = byName.get(name);
      const inputs = node ? dataInputs(node) : [];
      const pending = visiting.has(name) ? [] : inputs.filter((i) => byName.has(i) && !values.has(i));
      visiting.add(name);
      if (pending.length) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      const v = node
        ? evaluate(
            node,
            inputs.map((i) => values.get(i) ?? { shape: null }),
            ints,
            sample,
          )
        : { shape: null };
      values.set(name, v);
      if (node && node.op !== 'Const' && v.shape) out.push({ what: `node '${name}' (${String(node.op)})`, shape: v.shape });
    }
  }
  return out;
}

/** Data inputs by node name ('x:1' → 'x'; control inputs '^x' dropped). */
function dataInputs(node: Record<string, unknown>): string[] {
  const list = Array.isArray(node.input) ? node.input : [];
  return list.filter((i): i is string => typeof i === 'string' && !i.startsWith('^')).map((i) => i.replace(/:\d+$/, ''));
}

const SAME_SHAPE = new Set(
  'Identity Relu Relu6 Elu Selu Sigmoid Tanh Softmax LogSoftmax LeakyRelu Neg Abs Exp Log Log1p Sqrt Rsqrt Square Cast Floor Ceil Round Sign Softplus Softsign Erf ZerosLike OnesLike StopGradient Snapshot FusedBatchNorm FusedBatchNormV2 FusedBatchNormV3 LRN Sin Cos Reciprocal ClipByValue IsNan LogicalNot Swish Gelu'.split(
    ' ',
  ),
);
const BROADCAST = new Set(
  'Add AddV2 AddN BiasAdd Sub Mul RealDiv Div DivNoNan FloorDiv FloorMod Mod Maximum Minimum Pow SquaredDifference Greater GreaterEqual Less LessEqual Equal NotEqual LogicalAnd LogicalOr Select SelectV2 Prelu'.split(
    ' ',
  ),
);
const REDUCE = new Set(['Mean', 'Sum', 'Max', 'Min', 'Prod', 'All', 'Any']);

function evaluate(node: Record<string, unknown>, ins: Value[], ints: ReadonlyMap<string, number[]>, sample?: ReadonlyMap<string, readonly number[]>): Value {
  const op = String(node.op);
  const attr = isObject(node.attr) ? node.attr : {};
  const x = ins[0]?.shape ?? null;
  const int = (i: number) => ins[i]?.ints;
  if (op === 'Placeholder') return { shape: placeholderShape(attr, sample?.get(String(node.name))) };
  if (op === 'Const') return constValue(attr, ints.get(String(node.name)));
  if (SAME_SHAPE.has(op)) return { shape: x, ...(op === 'Identity' || op === 'Cast' ? { ints: int(0) } : {}) };
  if (BROADCAST.has(op)) return { shape: ins.reduce<Shape>((a, v) => broadcast(a, v.shape), []) };
  switch (op) {
    case 'Tile': {
      const m = int(1);
      if (!m) return { shape: null };
      // Unknown input sizes count as 1: the multiples alone are a lower bound.
      return { shape: m.map((k, i) => (x?.[i] != null ? x[i] * k : k === 1 ? null : k)) };
    }
    case 'Reshape':
      return { shape: reshape(x, int(1)) };
    case 'BroadcastTo':
      return { shape: int(1) ? broadcast(x, int(1)!) : null };
    case 'Fill':
      return { shape: int(0) ?? null };
    case 'Pad':
    case 'PadV2':
    case 'MirrorPad': {
      const p = int(1);
      if (!x || !p || p.length !== 2 * x.length) return { shape: null };
      return { shape: x.map((d, i) => (d === null ? null : d + p[2 * i]! + p[2 * i + 1]!)) };
    }
    case 'ResizeBilinear':
    case 'ResizeNearestNeighbor': {
      const s = int(1);
      if (!s || s.length !== 2) return { shape: null };
      return { shape: [x?.[0] ?? 1, s[0]!, s[1]!, x?.[3] ?? null] };
    }
    case 'Conv2D':
    case '_FusedConv2D':
    case 'DepthwiseConv2d':
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2dNative':
    case 'MaxPool':
    case 'AvgPool':
      return { shape: windowed(op, x, ins[1]?.shape ?? null, attr) };
    case 'Conv2DBackpropInput':
      return { shape: int(0) ?? null };
    case 'MatMul':
    case '_FusedMatMul':
    case 'BatchMatMul':
    case 'BatchMatMulV2':
      return { shape: matMul(x, ins[1]?.shape ?? null, attr) };
    case 'ConcatV2':
    case 'Concat': {
      const axisAt = op === 'Concat' ? 0 : ins.length - 1;
      const parts = (op === 'Concat' ? ins.slice(1) : ins.slice(0, -1)).map((v) => v.shape);
      return { shape: concat(parts, int(axisAt)?.[0]) };
    }
    case 'ExpandDims': {
      const a = int(1)?.[0];
      if (!x || a === undefined) return { shape: null };
      const at = a < 0 ? x.length + 1 + a : a;
      return { shape: [...x.slice(0, at), 1, ...x.slice(at)] };
    }
    case 'Pack': {
      const first = x;
      if (!first) return { shape: null };
      const axis = Number(isObject(attr.axis) ? (attr.axis.i ?? 0) : 0);
      const at = axis < 0 ? first.length + 1 + axis : axis;
      return { shape: [...first.slice(0, at), ins.length, ...first.slice(at)] };
    }
    case 'Transpose': {
      const perm = int(1);
      return { shape: x && perm && perm.length === x.length ? perm.map((p) => x[p] ?? null) : null };
    }
    case 'Shape':
      return x ? { shape: [x.length], ...(x.every((d) => d !== null) ? { ints: x } : {}) } : { shape: null };
    default:
      if (REDUCE.has(op)) return { shape: reduce(x, int(1), boolAttr(attr, 'keep_dims')) };
      return { shape: null };
  }
}

function placeholderShape(attr: Record<string, unknown>, sample: readonly number[] | undefined): Shape {
  const proto = isObject(attr.shape) ? (attr.shape.shape ?? attr.shape) : undefined;
  const dims = protoDims(proto);
  if (!dims) return null;
  return dims.map((d, i) => (i === 0 ? 1 : (d ?? sample?.[i - 1] ?? null)));
}

function constValue(attr: Record<string, unknown>, ints: number[] | undefined): Value {
  const tensor = isObject(attr.value) && isObject(attr.value.tensor) ? attr.value.tensor : undefined;
  const shape = protoDims(tensor?.tensorShape ?? {});
  const inline = Array.isArray(tensor?.intVal) ? tensor.intVal.map(Number) : undefined;
  return { shape, ints: ints ?? (inline?.every(Number.isSafeInteger) ? inline : undefined) };
}

/** A TensorShapeProto's dimensions (-1 → null); null for unknown rank or garbage. */
function protoDims(proto: unknown): Shape {
  if (!isObject(proto) || proto.unknownRank === true) return null;
  const dims = Array.isArray(proto.dim) ? proto.dim : [];
  return dims.map((d) => {
    const n = isObject(d) ? Number(d.size ?? 0) : NaN;
    return Number.isSafeInteger(n) && n >= 0 ? n : null;
  });
}

function broadcast(a: Shape, b: readonly number[] | Shape): Shape {
  if (!a || !b) return null;
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const p = a[a.length - n + i] ?? 1;
    const q = b[b.length - n + i] ?? 1;
    if (p === null || q === null) return p === 1 ? q : q === 1 ? p : (p ?? q);
    return Math.max(p, q);
  });
}

function reshape(x: Shape, target: number[] | undefined): Shape {
  if (!target) return null;
  const known = target.reduce((a, d) => (d >= 0 ? a * d : a), 1);
  const total = x && x.every((d) => d !== null) ? x.reduce((a, d) => a * d, 1) : null;
  return target.map((d) => (d >= 0 ? d : total !== null && known > 0 ? total / known : null));
}

function windowed(op: string, x: Shape, filter: Shape, attr: Record<string, unknown>): Shape {
  if (!x || x.length !== 4) return null;
  const nchw = strAttr(attr, 'data_format') === 'NCHW';
  const [h, w, c] = nchw ? [x[2]!, x[3]!, x[1]!] : [x[1]!, x[2]!, x[3]!];
  const pool = op === 'MaxPool' || op === 'AvgPool';
  const k = pool ? listAttr(attr, 'ksize') : filter;
  const s = listAttr(attr, 'strides') ?? [1, 1, 1, 1];
  const d = listAttr(attr, 'dilations') ?? [1, 1, 1, 1];
  if (!k || k.length !== 4) return null;
  const [kh, kw] = pool ? (nchw ? [k[2], k[3]] : [k[1], k[2]]) : [k[0], k[1]];
  const [sh, sw] = nchw ? [s[2], s[3]] : [s[1], s[2]];
  const [dh, dw] = nchw ? [d[2], d[3]] : [d[1], d[2]];
  const same = strAttr(attr, 'padding') !== 'VALID';
  const size = (n: number | null, kk: number | null | undefined, ss: number | null | undefined, dd: number | null | undefined) => {
    if (n === null || !ss || kk == null) return null;
    return same ? Math.ceil(n / ss) : Math.max(0, Math.ceil((n - (kk - 1) * (dd ?? 1)) / ss));
  };
  const depthwise = op.includes('Depthwise');
  const channels = pool ? c : depthwise ? (c === null || k[3] === null ? null : c * k[3]!) : (k[3] ?? null);
  const oh = size(h, kh, sh, dh);
  const ow = size(w, kw, sw, dw);
  return nchw ? [x[0]!, channels, oh, ow] : [x[0]!, oh, ow, channels];
}

function matMul(a: Shape, b: Shape, attr: Record<string, unknown>): Shape {
  if (!a || !b || a.length < 2 || b.length < 2) return null;
  const ta = boolAttr(attr, 'transpose_a') || boolAttr(attr, 'adj_x');
  const tb = boolAttr(attr, 'transpose_b') || boolAttr(attr, 'adj_y');
  const rows = ta ? a[a.length - 1]! : a[a.length - 2]!;
  const cols = tb ? b[b.length - 2]! : b[b.length - 1]!;
  const batch = broadcast(a.slice(0, -2), b.slice(0, -2));
  return batch ? [...batch, rows, cols] : null;
}

function concat(parts: Shape[], axis: number | undefined): Shape {
  const first = parts[0];
  if (!first || axis === undefined || parts.some((p) => !p || p.length !== first.length)) return null;
  const at = axis < 0 ? first.length + axis : axis;
  return first.map((d, i) => (i !== at ? d : parts.reduce<number | null>((s, p) => (s === null || p![i] === null ? null : s + p![i]!), 0)));
}

function reduce(x: Shape, axes: number[] | undefined, keep: boolean): Shape {
  if (!x || !axes) return null;
  const set = new Set(axes.map((a) => (a < 0 ? x.length + a : a)));
  return keep ? x.map((d, i) => (set.has(i) ? 1 : d)) : x.filter((_, i) => !set.has(i));
}

function boolAttr(attr: Record<string, unknown>, key: string): boolean {
  const v = attr[key];
  return isObject(v) && v.b === true;
}

function strAttr(attr: Record<string, unknown>, key: string): string | undefined {
  const v = attr[key];
  if (!isObject(v) || typeof v.s !== 'string') return undefined;
  try {
    return atob(v.s);
  } catch {
    return undefined;
  }
}

function listAttr(attr: Record<string, unknown>, key: string): (number | null)[] | undefined {
  const v = attr[key];
  const list = isObject(v) && isObject(v.list) && Array.isArray(v.list.i) ? v.list.i : undefined;
  return list?.map((d) => {
    const n = Number(d);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  });
}
