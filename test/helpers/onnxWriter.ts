// A minimal ONNX ModelProto encoder (protobuf wire format by hand), so tests build .onnx models
// in JavaScript from the same weights as their TF.js twins: no Python, no onnx package.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export interface OnnxNodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Integers (INT), integer lists (INTS), floats marked with `f:` keys are not needed here. */
  attrs?: Record<string, number | number[]>;
}

export interface OnnxValueSpec {
  name: string;
  /** Numbers are fixed sizes, strings symbolic ones ('N'). */
  shape: (number | string)[];
  /** ONNX TensorProto.DataType: 1 float (default), 7 int64. */
  elemType?: number;
}

export interface OnnxModelSpec {
  inputs: OnnxValueSpec[];
  outputs: OnnxValueSpec[];
  nodes: OnnxNodeSpec[];
  initializers: { name: string; dims: number[]; data: Float32Array }[];
  opset?: number;
}

class Writer {
  private parts: number[] = [];
  varint(v: number): this {
    let x = v;
    if (x < 0) {
      // int64 negatives: 10-byte two's complement.
      let b = BigInt.asUintN(64, BigInt(x));
      while (b >= 0x80n) {
        this.parts.push(Number(b & 0x7fn) | 0x80);
        b >>= 7n;
      }
      this.parts.push(Number(b));
      return this;
    }
    while (x >= 0x80) {
      this.parts.push((x % 128) | 0x80);
      x = Math.floor(x / 128);
    }
    this.parts.push(x);
    return this;
  }
  key(no: number, wire: number): this {
    return this.varint(no * 8 + wire);
  }
  int(no: number, v: number): this {
    return this.key(no, 0).varint(v);
  }
  bytes(no: number, b: Uint8Array): this {
    this.key(no, 2).varint(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }
  str(no: number, s: string): this {
    return this.bytes(no, new TextEncoder().encode(s));
  }
  msg(no: number, w: Writer): this {
    return this.bytes(no, w.done());
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function valueInfo(v: OnnxValueSpec): Writer {
  const shape = new Writer();
  for (const d of v.shape) shape.msg(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().str(2, d));
  const tensorType = new Writer().int(1, v.elemType ?? 1).msg(2, shape);
  return new Writer().str(1, v.name).msg(2, new Writer().msg(1, tensorType));
}

function node(n: OnnxNodeSpec, i: number): Writer {
  const w = new Writer();
  for (const x of n.inputs) w.str(1, x);
  for (const x of n.outputs) w.str(2, x);
  w.str(3, `node_${i}`).str(4, n.op);
  for (const [name, v] of Object.entries(n.attrs ?? {})) {
    const a = new Writer().str(1, name);
    if (Array.isArray(v)) {
      for (const x of v) a.int(8, x);
      a.int(20, 7); // INTS
    } else a.int(3, v).int(20, 2); // INT
    w.msg(5, a);
  }
  return w;
}

/** The ModelProto bytes of `spec`. */
export function encodeOnnx(spec: OnnxModelSpec): Uint8Array {
  const g = new Writer();
  spec.nodes.forEach((n, i) => g.msg(1, node(n, i)));
  g.str(2, 'equilens_test');
  for (const t of spec.initializers) {
    const w = new Writer();
    for (const d of t.dims) w.int(1, d);
    w.int(2, 1).str(8, t.name).bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    g.msg(5, w);
  }
  for (const v of spec.inputs) g.msg(11, valueInfo(v));
  for (const v of spec.outputs) g.msg(12, valueInfo(v));
  return new Writer()
    .int(1, 8) // ir_version
    .str(2, 'equilens-test')
    .msg(7, g)
    .msg(8, new Writer().str(1, '').int(2, spec.opset ?? 13))
    .done();
}

/**
 * test/helpers/modelFixtures.ts makeCnn (conv 'same' + relu → global average pool → dense
 * softmax) as ONNX, NCHW, from the layers model's own weights: kernels HWIO → OIHW. Odd
 * kernel sizes only ('same' padding is then symmetric).
 */
export function cnnToOnnx(model: tfl.LayersModel, opts: { batch?: number | string } = {}): Uint8Array {
  const [kernel, bias, dense, denseBias] = model.getWeights();
  const [k, , cin, filters] = kernel!.shape as number[];
  const classes = dense!.shape[1]!;
  const size = (model.inputs[0]!.shape as number[])[1]!;
  const half = (k! - 1) / 2;
  const oihw = tf.tidy(() => tf.transpose(kernel!, [3, 2, 0, 1]).dataSync() as Float32Array);
  const f32 = (t: tf.Tensor) => Float32Array.from(t.dataSync());
  const batch = opts.batch ?? 'N';
  return encodeOnnx({
    inputs: [{ name: 'input', shape: [batch, cin!, size, size] }],
    outputs: [{ name: 'probs', shape: [batch, classes] }],
    initializers: [
      { name: 'conv.weight', dims: [filters!, cin!, k!, k!], data: Float32Array.from(oihw) },
      { name: 'conv.bias', dims: [filters!], data: f32(bias!) },
      { name: 'fc.weight', dims: [filters!, classes], data: f32(dense!) },
      { name: 'fc.bias', dims: [classes], data: f32(denseBias!) },
    ],
    nodes: [
      { op: 'Conv', inputs: ['input', 'conv.weight', 'conv.bias'], outputs: ['c'], attrs: { kernel_shape: [k!, k!], pads: [half, half, half, half], strides: [1, 1] } },
      { op: 'Relu', inputs: ['c'], outputs: ['r'] },
      { op: 'GlobalAveragePool', inputs: ['r'], outputs: ['p'] },
      { op: 'Flatten', inputs: ['p'], outputs: ['f'], attrs: { axis: 1 } },
      { op: 'Gemm', inputs: ['f', 'fc.weight', 'fc.bias'], outputs: ['logits'] },
      { op: 'Softmax', inputs: ['logits'], outputs: ['probs'], attrs: { axis: 1 } },
    ],
  });
}
