// A minimal ONNX ModelProto encoder (protobuf wire format by hand): the translation of TF.js
// models builds its graphs with it, in memory, with no onnx package and no Node imports.

/** An attribute value: integers (INT), integer lists (INTS), a float ({ f }) or a string (STRING). */
export type OnnxAttr = number | number[] | { f: number } | string;

export interface OnnxNodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, OnnxAttr>;
}

export interface OnnxValueSpec {
  name: string;
  /** Numbers are fixed sizes, strings symbolic ones ('N'); null: no shape declared (the rank is not known). */
  shape: (number | string)[] | null;
  /** ONNX TensorProto.DataType: 1 float (default), 7 int64. */
  elemType?: number;
}

/** A constant: float32 data, or int64 (BigInt64Array, e.g. Reshape's shape). */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

export interface OnnxModelSpec {
  inputs: OnnxValueSpec[];
  outputs: OnnxValueSpec[];
  nodes: OnnxNodeSpec[];
  initializers: OnnxInitializer[];
  opset?: number;
}

/** Bytes appended in chunks: weights are megabytes, never copied number by number. */
class Writer {
  private chunks: Uint8Array[] = [];
  private small: number[] = [];
  private flush(): void {
    if (this.small.length) this.chunks.push(Uint8Array.from(this.small));
    this.small = [];
  }
  varint(v: number): this {
    if (v < 0) {
      // int64 negatives: 10-byte two's complement.
      let b = BigInt.asUintN(64, BigInt(v));
      while (b >= 0x80n) {
        this.small.push(Number(b & 0x7fn) | 0x80);
        b >>= 7n;
      }
      this.small.push(Number(b));
      return this;
    }
    let x = v;
    while (x >= 0x80) {
      this.small.push((x % 128) | 0x80);
      x = Math.floor(x / 128);
    }
    this.small.push(x);
    return this;
  }
  key(no: number, wire: number): this {
    return this.varint(no * 8 + wire);
  }
  int(no: number, v: number): this {
    return this.key(no, 0).varint(v);
  }
  float(no: number, v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.key(no, 5);
    this.small.push(...b);
    return this;
  }
  bytes(no: number, b: Uint8Array): this {
    this.key(no, 2).varint(b.length);
    this.flush();
    this.chunks.push(b);
    return this;
  }
  str(no: number, s: string): this {
    return this.bytes(no, new TextEncoder().encode(s));
  }
  msg(no: number, w: Writer): this {
    return this.bytes(no, w.done());
  }
  done(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function valueInfo(v: OnnxValueSpec): Writer {
  const tensorType = new Writer().int(1, v.elemType ?? 1);
  if (v.shape) {
    const shape = new Writer();
    for (const d of v.shape) shape.msg(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().str(2, d));
    tensorType.msg(2, shape);
  }
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
    } else if (typeof v === 'number')
      a.int(3, v).int(20, 2); // INT
    else if (typeof v === 'string')
      a.str(4, v).int(20, 3); // STRING
    else a.float(2, v.f).int(20, 1); // FLOAT
    w.msg(5, a);
  }
  return w;
}

function initializer(t: OnnxInitializer): Writer {
  const w = new Writer();
  for (const d of t.dims) w.int(1, d);
  // raw_data is little-endian, as typed arrays are on every platform Node and browsers run on.
  w.int(2, t.data instanceof BigInt64Array ? 7 : 1)
    .str(8, t.name)
    .bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return w;
}

/** The ModelProto bytes of `spec` (IR version 8, default-domain opset 13 unless given). */
export function encodeOnnx(spec: OnnxModelSpec): Uint8Array {
  const g = new Writer();
  spec.nodes.forEach((n, i) => g.msg(1, node(n, i)));
  g.str(2, 'equilens');
  for (const t of spec.initializers) g.msg(5, initializer(t));
  for (const v of spec.inputs) g.msg(11, valueInfo(v));
  for (const v of spec.outputs) g.msg(12, valueInfo(v));
  return new Writer()
    .int(1, 8) // ir_version
    .str(2, 'equilens')
    .msg(7, g)
    .msg(8, new Writer().str(1, '').int(2, spec.opset ?? 13))
    .done();
}
