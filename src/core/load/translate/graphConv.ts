// Convolutions, pooling and matrix products of graph models. Tensors stay NHWC between ops (as
// in TF); each NCHW ONNX op is wrapped in a pair of transposes that onnxruntime's transpose
// optimiser cancels between neighbours.
import { clip, Untranslatable } from './activations';
import type { OnnxAttr } from './onnxEncode';
import { attrBool, attrFloat, attrInt, attrInts, attrString, attrStrings, constFloats, constInts, requireNhwc, type GraphEmit } from './graphNode';

/** TF's NHWC [1, h, w, 1] strides or dilations as ONNX's [h, w]. */
function spatial(e: GraphEmit, key: string): [number, number] {
  const v = attrInts(e.node, key) ?? [1, 1, 1, 1];
  if (v.length === 0) return [1, 1];
  if (v.length !== 4 || v[0] !== 1 || v[3] !== 1) throw new Untranslatable(`${key} [${v.join(', ')}]`);
  return [v[1]!, v[2]!];
}

/**
 * TF padding as ONNX attributes: SAME is ONNX's SAME_UPPER (the odd pixel after), EXPLICIT as
 * pads. At stride 1, SAME pads (k − 1)·d whatever the size: explicit pads then, as onnxruntime
 * refuses SAME_UPPER with dilations (TF allows dilations only at stride 1).
 */
function padding(e: GraphEmit, kernel: number[]): Record<string, OnnxAttr> {
  const p = attrString(e.node, 'padding');
  const strides = spatial(e, 'strides');
  const dilations = e.node.op === 'MaxPool' || e.node.op === 'AvgPool' ? [1, 1] : spatial(e, 'dilations');
  if (p === 'SAME' && strides.every((s) => s === 1)) {
    const total = kernel.map((k, a) => (k - 1) * dilations[a]!);
    const before = total.map((t) => Math.floor(t / 2));
    return { pads: [...before, ...total.map((t, a) => t - before[a]!)] };
  }
  if (p === 'SAME' && dilations.some((d) => d !== 1)) throw new Untranslatable('dilations with strides');
  if (p === 'SAME') return { auto_pad: 'SAME_UPPER' };
  if (p === 'VALID') return { pads: [0, 0, 0, 0] };
  if (p === 'EXPLICIT') {
    const x = attrInts(e.node, 'explicit_paddings') ?? [];
    if (x.length !== 8 || x[0] || x[1] || x[6] || x[7] || x.some((v) => v < 0)) throw new Untranslatable(`explicit_paddings [${x.join(', ')}]`);
    return { pads: [x[2]!, x[4]!, x[3]!, x[5]!] };
  }
  throw new Untranslatable(`padding '${p}'`);
}

/** HWIO → OIHW. */
function oihw(w: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < kh!; i++)
    for (let j = 0; j < kw!; j++) for (let c = 0; c < cin!; c++) for (let o = 0; o < cout!; o++) out[((o * cin! + c) * kh! + i) * kw! + j] = w[((i * kw! + j) * cin! + c) * cout! + o]!;
  return out;
}

/** The fused ops tfjs runs after a conv or matmul: [BiasAdd] or [BiasAdd, activation] (tfjs refuses FusedBatchNorm). */
interface Fusion {
  bias?: Float32Array;
  act?: string;
  /** Input index of PReLU's slope. */
  alphaAt?: number;
}

function fusion(e: GraphEmit, firstArg: number): Fusion {
  const ops = attrStrings(e.node, 'fused_ops').map((s) => s.toLowerCase());
  if (ops.length === 0) return {};
  if (ops[0] !== 'biasadd' || ops.length > 2) throw new Untranslatable(`fused_ops [${ops.join(', ')}]`);
  const act = ops[1];
  if (act !== undefined && !['relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'].includes(act)) throw new Untranslatable(`fused activation '${act}'`);
  if (attrInt(e.node, 'num_args', 1) !== (act === 'prelu' ? 2 : 1)) throw new Untranslatable('num_args does not match fused_ops');
  return { bias: constFloats(e, firstArg, 'the fused bias').data, ...(act && { act }), ...(act === 'prelu' && { alphaAt: firstArg + 1 }) };
}

/** An activation that reads no axis, on a tensor of any layout (PReLU is applied in NHWC by the caller). */
function elementwiseAct(e: GraphEmit, act: string | undefined, y: string): string {
  switch (act) {
    case undefined:
      return y;
    case 'relu':
      return e.g.op('Relu', [y]);
    case 'relu6':
      return clip(e.g, y, 0, 6);
    case 'elu':
      return e.g.op('Elu', [y], { alpha: { f: 1 } });
    case 'leakyrelu':
      return e.g.op('LeakyRelu', [y], { alpha: { f: attrFloat(e.node, 'leakyrelu_alpha', 0.2) } });
    case 'sigmoid':
      return e.g.op('Sigmoid', [y]);
    default:
      throw new Untranslatable(`fused activation '${act}'`);
  }
}

/** NHWC in, ONNX Conv (bias and activation fused where ONNX can), NHWC out. */
function conv(e: GraphEmit, weight: Float32Array, dims: number[], group: number, f: Fusion): string {
  requireNhwc(e.node);
  const attrs = { kernel_shape: dims.slice(2), strides: spatial(e, 'strides'), dilations: spatial(e, 'dilations'), group, ...padding(e, dims.slice(2)) };
  const ins = [e.g.toNchw(e.x(0)), e.g.float('w', dims, weight)];
  if (f.bias) {
    if (f.bias.length !== dims[0]) throw new Untranslatable(`bias of ${f.bias.length} for ${dims[0]} channels`);
    ins.push(e.g.float('b', [dims[0]], f.bias));
  }
  const y = e.g.op('Conv', ins, attrs);
  if (f.act === 'prelu') return e.g.op('PRelu', [e.g.toNhwc(y), e.x(f.alphaAt!)]);
  return e.g.toNhwc(elementwiseAct(e, f.act, y));
}

/** Conv2D and _FusedConv2D: filter HWIO. */
export function conv2d(e: GraphEmit): string {
  const w = constFloats(e, 1, 'the filter');
  if (w.shape.length !== 4) throw new Untranslatable('filter is not 4-D');
  const [kh, kw, cin, cout] = w.shape as [number, number, number, number];
  return conv(e, oihw(w.data, w.shape), [cout, cin, kh, kw], 1, e.node.op === 'Conv2D' ? {} : fusion(e, 2));
}

/** DepthwiseConv2dNative and its fused form: filter [h, w, in, multiplier], one group per input channel. */
export function depthwiseConv2d(e: GraphEmit): string {
  const k = constFloats(e, 1, 'the filter');
  if (k.shape.length !== 4) throw new Untranslatable('filter is not 4-D');
  const [kh, kw, cin, mult] = k.shape as [number, number, number, number];
  const w = new Float32Array(k.data.length);
  // TF's output channel c·multiplier + m is ONNX's group c, filter m: the same order.
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) for (let c = 0; c < cin; c++) for (let m = 0; m < mult; m++) w[((c * mult + m) * kh + i) * kw + j] = k.data[((i * kw + j) * cin + c) * mult + m]!;
  return conv(e, w, [cin * mult, 1, kh, kw], cin, e.node.op === 'DepthwiseConv2dNative' ? {} : fusion(e, 2));
}

/**
 * Conv2DBackpropInput (transposed conv): inputs output_shape, filter [h, w, out, in], x. TF fixes
 * the output size; ONNX gets the pads and output_padding that give the same one.
 */
export function conv2dBackpropInput(e: GraphEmit): string {
  requireNhwc(e.node);
  const size = constInts(e, 0, 'output_shape');
  const k = constFloats(e, 1, 'the filter');
  if (size.length !== 4 || k.shape.length !== 4) throw new Untranslatable('output_shape or filter is not 4-D');
  const [kh, kw, cout, cin] = k.shape as [number, number, number, number];
  const strides = spatial(e, 'strides');
  if (spatial(e, 'dilations').some((d) => d !== 1)) throw new Untranslatable('dilations');
  const p = attrString(e.node, 'padding');
  if (p !== 'SAME' && p !== 'VALID') throw new Untranslatable(`padding '${p}'`);
  const pads = [0, 0, 0, 0];
  const outPad = [0, 0];
  [kh, kw].forEach((kernel, a) => {
    const out = size[1 + a]!;
    const s = strides[a]!;
    // The forward conv's input size this is the gradient of, and that conv's padding.
    const inn = p === 'SAME' ? Math.ceil(out / s) : Math.floor((out - kernel) / s) + 1;
    const total = p === 'SAME' ? Math.max((inn - 1) * s + kernel - out, 0) : 0;
    pads[a] = Math.floor(total / 2);
    pads[a + 2] = total - pads[a];
    outPad[a] = out - ((inn - 1) * s + kernel - total);
    if (out <= 0 || inn <= 0 || outPad[a] < 0 || outPad[a] >= s) throw new Untranslatable(`output_shape [${size.join(', ')}]`);
  });
  // ONNX ConvTranspose weight: [in, out, h, w].
  const w = new Float32Array(k.data.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) for (let o = 0; o < cout; o++) for (let c = 0; c < cin; c++) w[((c * cout + o) * kh + i) * kw + j] = k.data[((i * kw + j) * cout + o) * cin + c]!;
  const y = e.g.op('ConvTranspose', [e.g.toNchw(e.x(2)), e.g.float('w', [cin, cout, kh, kw], w)], { kernel_shape: [kh, kw], strides, pads, output_padding: outPad });
  return e.g.toNhwc(y);
}

/** MaxPool and AvgPool (ONNX's AveragePool leaves padding out of the count, as TF does). */
export function pool(kind: 'MaxPool' | 'AveragePool') {
  return (e: GraphEmit): string => {
    requireNhwc(e.node);
    const kernel = spatial(e, 'ksize');
    const attrs = { kernel_shape: kernel, strides: spatial(e, 'strides'), ...padding(e, kernel) };
    return e.g.toNhwc(e.g.op(kind, [e.g.toNchw(e.x(0))], attrs));
  };
}

/** MatMul and _FusedMatMul on 2-D operands; a constant right-hand side is transposed here, not at run time. */
export function matMul(e: GraphEmit): string {
  const ta = attrBool(e.node, 'transpose_a');
  const tb = attrBool(e.node, 'transpose_b');
  const a = ta ? e.g.op('Transpose', [e.x(0)], { perm: [1, 0] }) : e.x(0);
  const c = e.constant(1);
  let b: string;
  if (c && c.dtype === 'float32' && c.shape.length === 2 && tb) {
    const [r, k] = c.shape as [number, number];
    const t = new Float32Array(c.data.length);
    for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) t[j * r + i] = c.data[i * k + j]!;
    b = e.g.float('w', [k, r], t);
  } else b = tb ? e.g.op('Transpose', [e.x(1)], { perm: [1, 0] }) : e.x(1);
  const y = e.g.op('MatMul', [a, b]);
  const f = e.node.op === 'MatMul' ? {} : fusion(e, 2);
  const biased = f.bias ? e.g.op('Add', [y, e.g.float('b', [f.bias.length], f.bias)]) : y;
  if (f.act === 'prelu') return e.g.op('PRelu', [biased, e.x(f.alphaAt!)]);
  return elementwiseAct(e, f.act, biased);
}
