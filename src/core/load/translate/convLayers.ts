import type * as tf from '@tensorflow/tfjs-core';
import { activation, Untranslatable } from './activations';
import type { Emit, FoldableConv } from './emit';
import { pair, windowPads } from './padding';

/** Conv2D: kernel HWIO → OIHW, TF's padding as explicit pads. */
export function conv2d(e: Emit): string {
  const c = channelsLast(e);
  const k = weight(e, 'kernel');
  const [kh, kw, cin, cout] = k.shape as [number, number, number, number];
  const src = k.dataSync() as Float32Array;
  const w = new Float32Array(src.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) for (let ci = 0; ci < cin; ci++) for (let o = 0; o < cout; o++) w[((o * cin + ci) * kh + i) * kw + j] = src[((i * kw + j) * cin + ci) * cout + o]!;
  const bias = c.useBias ? Float32Array.from(weight(e, 'bias').dataSync() as Float32Array) : new Float32Array(cout);
  const x = e.g.toNchw(e.inputs[0]!.name);
  return convNode(e, x, { weight: w, bias, dims: [cout, cin, kh, kw] }, 1, c.activation as string | undefined);
}

/** DepthwiseConv2D: kernel [h, w, in, multiplier] → [in·multiplier, 1, h, w], one group per input channel. */
export function depthwiseConv2d(e: Emit): string {
  const c = channelsLast(e);
  const dw = depthwise(e, e.g.toNchw(e.inputs[0]!.name));
  const out = dw.dims[0];
  const bias = c.useBias ? Float32Array.from(weight(e, 'bias').dataSync() as Float32Array) : new Float32Array(out);
  return convNode(e, dw.x, { ...dw.conv, bias }, dw.groups, c.activation as string | undefined);
}

/** SeparableConv2D: the depthwise conv (no bias), then a 1×1 conv with the bias and activation. */
export function separableConv2d(e: Emit): string {
  const c = channelsLast(e);
  const dw = depthwise(e, e.g.toNchw(e.inputs[0]!.name));
  const mid = convNode(e, dw.x, { ...dw.conv, bias: new Float32Array(dw.dims[0]) }, dw.groups, 'linear', true);
  const p = weight(e, 'pointwiseKernel');
  const [, , cin, cout] = p.shape as [number, number, number, number];
  const src = p.dataSync() as Float32Array;
  const w = new Float32Array(src.length);
  for (let ci = 0; ci < cin; ci++) for (let o = 0; o < cout; o++) w[o * cin + ci] = src[ci * cout + o]!;
  const bias = c.useBias ? Float32Array.from(weight(e, 'bias').dataSync() as Float32Array) : new Float32Array(cout);
  const conv = { weight: w, bias, dims: [cout, cin, 1, 1] };
  return convNode(e, mid, conv, 1, c.activation as string | undefined, false, { kernel: [1, 1], strides: [1, 1], dilations: [1, 1], padding: 'valid' });
}

interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padding: string;
}

function depthwise(e: Emit, x: string): { x: string; conv: Omit<FoldableConv, 'bias'>; dims: [number, number, number, number]; groups: number } {
  const k = weight(e, 'depthwiseKernel');
  const [kh, kw, cin, mult] = k.shape as [number, number, number, number];
  const src = k.dataSync() as Float32Array;
  const w = new Float32Array(src.length);
  // TF's output channel c·multiplier + m is ONNX's group c, filter m: the same order.
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) for (let ci = 0; ci < cin; ci++) for (let m = 0; m < mult; m++) w[((ci * mult + m) * kh + i) * kw + j] = src[((i * kw + j) * cin + ci) * mult + m]!;
  const dims: [number, number, number, number] = [cin * mult, 1, kh, kw];
  return { x, conv: { weight: w, dims }, dims, groups: cin };
}

/**
 * The Conv node in NCHW, its activation, and back to NHWC. A linear conv's output is offered
 * for batch-norm folding (its weights are scaled in place before encoding).
 */
function convNode(e: Emit, x: string, conv: FoldableConv, groups: number, act: string | undefined, keepNchw = false, win?: Window): string {
  const c = e.config;
  const w = win ?? { kernel: conv.dims.slice(2), strides: pair(c.strides as number[], 1), dilations: pair(c.dilationRate as number[], 1), padding: c.padding as string };
  if (w.padding !== 'same' && w.padding !== 'valid') throw new Untranslatable(`padding '${w.padding}'`);
  const spatial = e.inputs[0]!.shape.slice(1, 3);
  const pads = windowPads(w.padding, spatial, w.kernel, w.strides, w.dilations);
  const inputs = [x, e.g.float('w', conv.dims, conv.weight), e.g.float('b', [conv.dims[0]!], conv.bias)];
  const y = e.g.op('Conv', inputs, { kernel_shape: w.kernel, strides: w.strides, dilations: w.dilations, group: groups, ...pads });
  if (keepNchw) return y;
  const a = act ?? 'linear';
  if (a === 'linear') {
    const out = e.g.toNhwc(y);
    e.foldable(out, conv);
    return out;
  }
  // Softmax reads the channel axis: NHWC first. Elementwise ones stay next to the conv (fusable).
  if (a === 'softmax' || a === 'logSoftmax') return activation(e.g, a, e.g.toNhwc(y));
  return e.g.toNhwc(activation(e.g, a, y, 1));
}

/** One of the layer's variables by its property name (kernel, bias, depthwiseKernel, …). */
export function weight(e: Emit, prop: string): tf.Tensor {
  const v = (e.layer as unknown as Record<string, { read(): tf.Tensor } | null | undefined>)[prop];
  if (!v) throw new Untranslatable(`no ${prop} weight`);
  return v.read();
}

function channelsLast(e: Emit): Record<string, unknown> {
  const c = e.config;
  if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') throw new Untranslatable(`data format '${String(c.dataFormat)}'`);
  if (e.inputs[0]!.shape.length !== 4) throw new Untranslatable('input is not 4-D');
  return c;
}
