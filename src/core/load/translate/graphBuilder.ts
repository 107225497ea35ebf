import type { OnnxAttr, OnnxInitializer, OnnxNodeSpec } from './onnxEncode';

/** An ONNX graph under construction: nodes in order, constants, fresh tensor names. */
export class GraphBuilder {
  readonly nodes: OnnxNodeSpec[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private count = 0;

  /** A name no layer or input can have (layer names never start with '__'). */
  fresh(hint: string): string {
    return `__${hint}_${this.count++}`;
  }

  /** Adds one node with a single output; returns the output's name. */
  op(op: string, inputs: string[], attrs?: Record<string, OnnxAttr>, output?: string): string {
    const out = output ?? this.fresh(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [out], ...(attrs && { attrs }) });
    return out;
  }

  /** A float32 constant (kept by reference: batch-norm folding may still scale it before encoding). */
  float(hint: string, dims: number[], data: Float32Array): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, data });
    return name;
  }

  /** An int64 constant (Reshape's shape, Pad's pads, Slice's bounds). */
  ints(hint: string, values: readonly number[]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values, (v) => BigInt(v)) });
    return name;
  }

  /** NHWC → NCHW, the layout ONNX's Conv and pooling ops read. */
  toNchw(x: string): string {
    return this.op('Transpose', [x], { perm: [0, 3, 1, 2] });
  }

  /** NCHW → NHWC: every tensor between layers stays in TF.js's layout (onnxruntime cancels the pairs). */
  toNhwc(x: string): string {
    return this.op('Transpose', [x], { perm: [0, 2, 3, 1] });
  }
}
