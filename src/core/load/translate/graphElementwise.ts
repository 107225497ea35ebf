// Elementwise ops and reductions of graph models: TF's broadcasting is ONNX's (numpy's), so
// these map one to one, whatever the layout.
import { clip, Untranslatable } from './activations';
import { attrBool, attrFloat, constInts, type GraphEmit } from './graphNode';

type Emitter = (e: GraphEmit) => string;

const unary =
  (op: string, attrs?: Record<string, { f: number }>): Emitter =>
  (e) =>
    e.g.op(op, [e.x(0)], attrs);

const binary =
  (op: string): Emitter =>
  (e) =>
    e.g.op(op, [e.x(0), e.x(1)]);

/** Ops with one ONNX equivalent (or a short composition of them), by TF op name. */
export const ELEMENTWISE: Record<string, Emitter> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  // NHWC: the bias broadcasts over the last axis, as Add does.
  BiasAdd: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Maximum: bound('Max'),
  Minimum: bound('Min'),
  SquaredDifference: (e) => {
    const d = e.g.op('Sub', [e.x(0), e.x(1)]);
    return e.g.op('Mul', [d, d]);
  },
  AddN: (e) =>
    e.g.op(
      'Sum',
      e.node.inputs.map((_, i) => e.x(i)),
    ),
  Relu: unary('Relu'),
  Relu6: (e) => clip(e.g, e.x(0), 0, 6),
  Sigmoid: unary('Sigmoid'),
  Tanh: unary('Tanh'),
  Elu: unary('Elu', { alpha: { f: 1 } }),
  Selu: unary('Selu', { alpha: { f: 1.6732632423543772 }, gamma: { f: 1.0507009873554805 } }),
  LeakyRelu: (e) => e.g.op('LeakyRelu', [e.x(0)], { alpha: { f: attrFloat(e.node, 'alpha', 0.2) } }),
  Prelu: binary('PRelu'),
  // TF's Softmax reads the last axis, ONNX's (opset 13) too.
  Softmax: (e) => e.g.op('Softmax', [e.x(0)], { axis: -1 }),
  Exp: unary('Exp'),
  Log: unary('Log'),
  Sqrt: unary('Sqrt'),
  Rsqrt: (e) => e.g.op('Reciprocal', [e.g.op('Sqrt', [e.x(0)])]),
  Reciprocal: unary('Reciprocal'),
  Square: (e) => e.g.op('Mul', [e.x(0), e.x(0)]),
  Abs: unary('Abs'),
  Neg: unary('Neg'),
  Floor: unary('Floor'),
  Ceil: unary('Ceil'),
  Mean: reduce('ReduceMean'),
  Sum: reduce('ReduceSum'),
  Max: reduce('ReduceMax'),
  Min: reduce('ReduceMin'),
  Prod: reduce('ReduceProd'),
};

/**
 * Maximum / Minimum; against a scalar constant (ReLU6 spelled out, clamps) as Clip, which
 * onnxruntime fuses into the conv before it and keeps in its blocked layout (Max and Min are
 * reordered out of it and back): the same numbers.
 */
function bound(op: 'Max' | 'Min'): Emitter {
  return (e) => {
    const k = [0, 1].find((i) => e.constant(i)?.dtype === 'float32' && e.constant(i)!.data.length === 1);
    if (k === undefined) return e.g.op(op, [e.x(0), e.x(1)]);
    const c = e.constant(k)!;
    const x = e.x(1 - k);
    // A scalar broadcasts to x's shape unless it has more dimensions than x: Clip would not add them.
    if (c.shape.length > 1) return e.g.op(op, [e.x(0), e.x(1)]);
    const bound = e.g.float('bound', [], Float32Array.of(c.data[0]!));
    const none = e.g.float('none', [], Float32Array.of(op === 'Max' ? Infinity : -Infinity));
    return e.g.op('Clip', op === 'Max' ? [x, bound, none] : [x, none, bound]);
  };
}

/** Reductions over constant axes; an empty axis list (TF: reduce nothing, ONNX: reduce all) is refused. */
function reduce(op: string): Emitter {
  return (e) => {
    const axes = constInts(e, 1, 'the reduction axes');
    if (axes.length === 0) throw new Untranslatable('empty reduction axes');
    const keepdims = attrBool(e.node, 'keep_dims') ? 1 : 0;
    // Opset 13: ReduceSum takes its axes as an input, the others as an attribute.
    if (op === 'ReduceSum') return e.g.op(op, [e.x(0), e.g.ints('axes', axes)], { keepdims });
    return e.g.op(op, [e.x(0)], { axes, keepdims });
  };
}
