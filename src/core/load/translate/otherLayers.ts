import { activation, clip, Untranslatable } from './activations';
import { weight } from './convLayers';
import type { Emit } from './emit';
import { pair, windowPads } from './padding';

/** Dense on the last axis: Gemm for 2-D inputs, MatMul + Add otherwise. */
export function dense(e: Emit): string {
  const k = weight(e, 'kernel');
  const [cin, units] = k.shape as [number, number];
  const w = e.g.float('w', [cin, units], Float32Array.from(k.dataSync() as Float32Array));
  const b = e.config.useBias ? e.g.float('b', [units], Float32Array.from(weight(e, 'bias').dataSync() as Float32Array)) : null;
  const x = e.inputs[0]!;
  let y: string;
  if (x.shape.length === 2) y = e.g.op('Gemm', b ? [x.name, w, b] : [x.name, w]);
  else {
    y = e.g.op('MatMul', [x.name, w]);
    if (b) y = e.g.op('Add', [y, b]);
  }
  return activation(e.g, e.config.activation as string | undefined, y);
}

/** Inference batch normalisation: folded into the conv before it when that is its only use, else x·s + t. */
export function batchNormalization(e: Emit): string {
  const x = e.inputs[0]!;
  const rank = x.shape.length;
  const axis = e.config.axis as number;
  if (axis !== -1 && axis !== rank - 1) throw new Untranslatable(`axis ${axis}`);
  const eps = e.config.epsilon as number;
  const read = (p: string) => Float64Array.from(weight(e, p).dataSync() as Float32Array);
  const mean = read('movingMean');
  const variance = read('movingVariance');
  const gamma = e.config.scale ? read('gamma') : null;
  const beta = e.config.center ? read('beta') : null;
  const n = mean.length;
  // tfjs: (x − mean)·(γ/√(var + ε)) + β.
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = (gamma ? gamma[i]! : 1) / Math.sqrt(variance[i]! + eps);
    t[i] = (beta ? beta[i]! : 0) - mean[i]! * s[i]!;
  }
  const conv = e.foldTarget(x.name);
  if (conv && conv.dims[0] === n) {
    const per = conv.weight.length / n;
    for (let o = 0; o < n; o++) {
      for (let j = 0; j < per; j++) conv.weight[o * per + j]! *= s[o]!;
      conv.bias[o] = conv.bias[o]! * s[o]! + t[o]!;
    }
    return x.name;
  }
  const mul = e.g.op('Mul', [x.name, e.g.float('scale', [n], Float32Array.from(s))]);
  return e.g.op('Add', [mul, e.g.float('shift', [n], Float32Array.from(t))]);
}

/** MaxPooling2D / AveragePooling2D; TF's 'same' average excludes the padding (count_include_pad 0). */
export function pool2d(op: 'MaxPool' | 'AveragePool'): (e: Emit) => string {
  return (e) => {
    const c = e.config;
    if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') throw new Untranslatable(`data format '${String(c.dataFormat)}'`);
    const x = e.inputs[0]!;
    if (x.shape.length !== 4) throw new Untranslatable('input is not 4-D');
    const kernel = pair(c.poolSize as number[], 2);
    const strides = pair((c.strides as number[] | null) ?? kernel, 1);
    if (c.padding !== 'same' && c.padding !== 'valid') throw new Untranslatable(`padding '${String(c.padding)}'`);
    const pads = windowPads(c.padding, x.shape.slice(1, 3), kernel, strides);
    const y = e.g.op(op, [e.g.toNchw(x.name)], { kernel_shape: kernel, strides, ...pads, ...(op === 'AveragePool' && { count_include_pad: 0 }) });
    return e.g.toNhwc(y);
  };
}

/** Global pooling over every axis between batch and channels (NHWC: no transpose needed). */
export function globalPool(op: 'ReduceMean' | 'ReduceMax'): (e: Emit) => string {
  return (e) => {
    const c = e.config;
    if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') throw new Untranslatable(`data format '${String(c.dataFormat)}'`);
    const rank = e.inputs[0]!.shape.length;
    const axes = Array.from({ length: rank - 2 }, (_, i) => i + 1);
    return e.g.op(op, [e.inputs[0]!.name], { axes, keepdims: 0 });
  };
}

export function flatten(e: Emit): string {
  return e.g.op('Flatten', [e.inputs[0]!.name], { axis: 1 });
}

export function reshape(e: Emit): string {
  const target = e.config.targetShape as (number | null)[];
  return e.g.op('Reshape', [e.inputs[0]!.name, e.g.ints('shape', [0, ...target.map((d) => d ?? -1)])]);
}

export function permute(e: Emit): string {
  return e.g.op('Transpose', [e.inputs[0]!.name], { perm: [0, ...(e.config.dims as number[])] });
}

/** ZeroPadding2D: [[top, bottom], [left, right]] on NHWC. */
export function zeroPadding2d(e: Emit): string {
  const c = e.config;
  if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') throw new Untranslatable(`data format '${String(c.dataFormat)}'`);
  const [[t, b], [l, r]] = c.padding as [[number, number], [number, number]];
  return e.g.op('Pad', [e.inputs[0]!.name, e.g.ints('pads', [0, t, l, 0, 0, b, r, 0])]);
}

/** Add, Multiply, …: the same shapes only (Keras's broadcasting between ranks is not reproduced). */
export function merge(op: 'Add' | 'Mul' | 'Sub' | 'Max' | 'Min' | 'Average'): (e: Emit) => string {
  return (e) => {
    const shape = JSON.stringify(e.inputs[0]!.shape);
    if (e.inputs.some((x) => JSON.stringify(x.shape) !== shape)) throw new Untranslatable('inputs of different shapes');
    const names = e.inputs.map((x) => x.name);
    const binary = op === 'Average' ? 'Add' : op;
    let y = names[0]!;
    for (const n of names.slice(1)) y = e.g.op(binary, [y, n]);
    return op === 'Average' ? e.g.op('Mul', [y, e.g.float('inv', [], Float32Array.of(1 / names.length))]) : y;
  };
}

export function concatenate(e: Emit): string {
  return e.g.op(
    'Concat',
    e.inputs.map((x) => x.name),
    { axis: (e.config.axis as number | undefined) ?? -1 },
  );
}

export function activationLayer(e: Emit): string {
  return activation(e.g, e.config.activation as string, e.inputs[0]!.name);
}

export function reluLayer(e: Emit): string {
  const max = e.config.maxValue as number | null | undefined;
  return max == null ? e.g.op('Relu', [e.inputs[0]!.name]) : clip(e.g, e.inputs[0]!.name, 0, max);
}

export function leakyRelu(e: Emit): string {
  return e.g.op('LeakyRelu', [e.inputs[0]!.name], { alpha: { f: (e.config.alpha as number | undefined) ?? 0.3 } });
}

export function eluLayer(e: Emit): string {
  return e.g.op('Elu', [e.inputs[0]!.name], { alpha: { f: (e.config.alpha as number | undefined) ?? 1 } });
}

export function softmaxLayer(e: Emit): string {
  const axis = e.config.axis;
  if (typeof axis !== 'number') throw new Untranslatable(`axis ${JSON.stringify(axis)}`);
  return e.g.op('Softmax', [e.inputs[0]!.name], { axis });
}

export function rescaling(e: Emit): string {
  const scaled = e.g.op('Mul', [e.inputs[0]!.name, e.g.float('scale', [], Float32Array.of(e.config.scale as number))]);
  return e.g.op('Add', [scaled, e.g.float('offset', [], Float32Array.of((e.config.offset as number | undefined) ?? 0))]);
}

/** Layers that do nothing at inference. */
export function identity(e: Emit): string {
  return e.inputs[0]!.name;
}
