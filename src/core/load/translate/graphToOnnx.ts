import type { GraphModel } from '@tensorflow/tfjs-converter';
import type * as tf from '@tensorflow/tfjs-core';
import { MAX_SHAPE_CONST } from '../graphConsts';
import { graphNodeOutputs } from '../graphShapes';
import type { ModelJson } from '../modelJson';
import type { TensorInfo } from '../types';
import { Untranslatable } from './activations';
import { mergeClamps } from './graphClips';
import { conv2d, conv2dBackpropInput, depthwiseConv2d, matMul, pool } from './graphConv';
import { ELEMENTWISE } from './graphElementwise';
import { attrType, graphNodes, type ConstValue, type GraphEmit, type GraphNode } from './graphNode';
import * as S from './graphShapeOps';
import { GraphBuilder } from './graphBuilder';
import type { Translation } from './layersToOnnx';
import { encodeOnnx, type OnnxValueSpec } from './onnxEncode';

/** TF ops ONNX reproduces exactly (within float rounding), by emitter. */
const EMITTERS: Record<string, (e: GraphEmit) => string> = {
  ...ELEMENTWISE,
  Conv2D: conv2d,
  _FusedConv2D: conv2d,
  DepthwiseConv2dNative: depthwiseConv2d,
  FusedDepthwiseConv2dNative: depthwiseConv2d,
  Conv2DBackpropInput: conv2dBackpropInput,
  MatMul: matMul,
  _FusedMatMul: matMul,
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
  Reshape: S.reshape,
  Squeeze: S.squeeze,
  ExpandDims: S.expandDims,
  Transpose: S.transpose,
  ConcatV2: S.concat(),
  Pack: S.pack(),
  Pad: S.pad,
  PadV2: S.pad,
  MirrorPad: S.pad,
  StridedSlice: S.stridedSlice,
  Slice: S.slice,
  DepthToSpace: S.depthToSpace,
  ResizeBilinear: S.resize('linear'),
  ResizeNearestNeighbor: S.resize('nearest'),
};

/** Ops that pass their input on unchanged. */
const PASS_ON = new Set(['Identity', 'StopGradient', 'Snapshot']);

/** The TF op names the graph translation covers (docs/cli.md lists them). */
export const GRAPH_OPS: readonly string[] = ['Placeholder', 'Const', ...PASS_ON, 'Cast', 'Shape', ...Object.keys(EMITTERS)];

/**
 * Translates a loaded TF.js graph model into an ONNX graph with the adapter's input and output
 * names (NHWC, as in TF.js), reading the constants tfjs decoded. Every op the outputs depend on
 * must translate, or nothing does: the reason names the first node that does not.
 */
export function translateGraph(model: GraphModel, topology: unknown, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): Translation {
  try {
    return { bytes: build(model, topology, inputs, outputs) };
  } catch (e) {
    if (e instanceof Untranslatable) return { untranslated: e.message };
    throw e;
  }
}

function build(model: GraphModel, topology: unknown, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): Uint8Array {
  const nodes = new Map(graphNodes(topology).map((n) => [n.name, n]));
  const g = new GraphBuilder();
  const values = new Map<string, string>();
  const specs: OnnxValueSpec[] = inputs.map((info, i) => {
    const node = model.inputs[i]?.name.replace(/:0$/, '');
    if (info.dtype !== 'float32' || !node) throw new Untranslatable(`input '${info.name}' is ${info.dtype}`);
    if (info.unknownRank) throw new Untranslatable(`input '${info.name}' has no known rank`);
    values.set(node, info.name);
    return spec(info);
  });
  const weights = model.weights;
  const consts = new Map<string, ConstValue | null>();
  const constant = (name: string): ConstValue | undefined => {
    const n = nodes.get(name);
    if (!n) return undefined;
    if (PASS_ON.has(n.op)) return constant(tensorName(n.inputs[0], n));
    if (n.op !== 'Const') return undefined;
    if (!consts.has(name)) consts.set(name, readConst(weights[name]?.[0]));
    return consts.get(name) ?? undefined;
  };
  const initialised = new Map<string, string>();
  // Values computed as int64 (shape arithmetic): never read as float data.
  const intValues = new Set<string>();
  /** The ONNX name of a node's value: visited already, or a constant made an initializer. */
  const value = (name: string, reader: GraphNode): string => {
    const v = values.get(name);
    if (v !== undefined && intValues.has(v)) throw new Untranslatable(`node '${reader.name}' (op ${reader.op}) computes with the int32 tensor '${name}'`);
    if (v !== undefined) return v;
    const c = constant(name);
    if (!c) throw new Untranslatable(`node '${reader.name}' reads '${name}', which is not computed first`);
    if (!(c.data instanceof Float32Array)) throw new Untranslatable(`node '${reader.name}' computes with the ${c.dtype} constant '${name}'`);
    let init = initialised.get(name);
    if (!init) {
      init = g.float('const', c.shape, c.data);
      initialised.set(name, init);
    }
    return init;
  };
  let shapes: Map<string, (number | null)[]> | undefined;
  /** A node's output shape at batch 1 (graphShapes.ts), computed once, when an emitter first asks. */
  const shapeOf = (name: string): (number | null)[] | null => {
    shapes ??= staticShapes(model, topology, inputs, constant);
    return shapes.get(name) ?? null;
  };
  /** An int input as int64: computed shape arithmetic, or an int32 constant. */
  const intValue = (name: string, reader: GraphNode): string => {
    const v = values.get(name);
    if (v !== undefined && intValues.has(v)) return v;
    const c = v === undefined ? constant(name) : undefined;
    if (!c || !(c.data instanceof Int32Array)) throw new Untranslatable(`node '${reader.name}' (op ${reader.op}) reads '${name}' as int32`);
    let init = initialised.get(`int:${name}`);
    if (!init) {
      init = g.fresh('int');
      g.initializers.push({ name: init, dims: c.shape, data: BigInt64Array.from(c.data, (d) => BigInt(d)) });
      initialised.set(`int:${name}`, init);
    }
    return init;
  };
  for (const node of order(
    nodes,
    model.outputs.map((o) => o.name.replace(/:0$/, '')),
    new Set(values.keys()),
  )) {
    if (node.op === 'Const') continue;
    if (PASS_ON.has(node.op) || isFloatCast(node)) {
      const src = tensorName(node.inputs[0], node);
      if (values.has(src)) values.set(node.name, values.get(src)!);
      continue;
    }
    const t = attrType(node, 'T');
    const isInt = node.op === 'Shape' ? attrType(node, 'out_type') === 'DT_INT32' : t === 'DT_INT32';
    const emit = isInt ? S.INT_OPS[node.op] : EMITTERS[node.op];
    if (!emit) throw new Untranslatable(`node '${node.name}' (op ${node.op}) not translated${t && t !== 'DT_FLOAT' ? `: type ${t}` : ''}`);
    if (!isInt && t !== undefined && t !== 'DT_FLOAT') throw new Untranslatable(`node '${node.name}' (op ${node.op}) not translated: type ${t}`);
    const e: GraphEmit = {
      g,
      node,
      x: (i) => value(tensorName(node.inputs[i], node), node),
      ints: (i) => intValue(tensorName(node.inputs[i], node), node),
      constant: (i) => constant(tensorName(node.inputs[i], node)),
      shape: (i) => shapeOf(tensorName(node.inputs[i], node)),
    };
    try {
      const out = emit(e);
      values.set(node.name, out);
      if (isInt) intValues.add(out);
    } catch (err) {
      if (err instanceof Untranslatable) throw new Untranslatable(`node '${node.name}' (op ${node.op}) not translated: ${err.message}`);
      throw err;
    }
  }
  const outSpecs = outputs.map((info, i) => {
    const node = model.outputs[i]?.name;
    // A node's second output ('x:1', the converter's defaultOutput) comes from ops not translated.
    if (/:[1-9]\d*$/.test(model.outputNodes[i] ?? '')) throw new Untranslatable(`output '${info.name}' is a node's second output`);
    if (info.dtype !== 'float32' || !node) throw new Untranslatable(`output '${info.name}' is ${info.dtype}`);
    if (specs.some((s) => s.name === info.name)) throw new Untranslatable(`output '${info.name}' has an input's name`);
    const src = tensorName(node, undefined);
    const from = values.get(src) ?? (nodes.has(src) ? value(src, nodes.get(src)!) : undefined);
    if (from === undefined) throw new Untranslatable(`output '${info.name}' is not computed`);
    g.op('Identity', [from], undefined, info.name);
    // No shape: signatures are not always right about outputs, and onnxruntime needs none.
    return { name: info.name, shape: null };
  });
  mergeClamps(
    g,
    outSpecs.map((o) => o.name),
  );
  return encodeOnnx({ inputs: specs, outputs: outSpecs, nodes: g.nodes, initializers: g.initializers });
}

/** 'x' and 'x:0' name node x's only output; other outputs ('x:1') belong to ops not translated. */
function tensorName(input: string | undefined, reader: GraphNode | undefined): string {
  if (input === undefined) throw new Untranslatable(`node '${reader?.name}' lacks an input`);
  const m = /^(.*):(\d+)$/.exec(input);
  if (!m) return input;
  if (m[2] !== '0') throw new Untranslatable(`node '${reader?.name ?? input}' reads output ${m[2]} of '${m[1]}'`);
  return m[1]!;
}

function isFloatCast(n: GraphNode): boolean {
  return n.op === 'Cast' && attrType(n, 'SrcT') === 'DT_FLOAT' && attrType(n, 'DstT') === 'DT_FLOAT';
}

/** The nodes the outputs depend on, inputs before readers (iterative: graphs run deep). */
function order(nodes: ReadonlyMap<string, GraphNode>, outputs: string[], inputs: ReadonlySet<string>): GraphNode[] {
  const out: GraphNode[] = [];
  const done = new Set<string>(inputs);
  // Nodes whose inputs are being visited: meeting one again is a loop (control flow).
  const visiting = new Set<string>();
  const stack: { name: string; expanded: boolean }[] = outputs.map((name) => ({ name, expanded: false }));
  while (stack.length) {
    const top = stack.pop()!;
    if (done.has(top.name)) continue;
    const node = nodes.get(top.name);
    if (!node) throw new Untranslatable(`no node '${top.name}'`);
    if (top.expanded) {
      visiting.delete(top.name);
      done.add(top.name);
      out.push(node);
      continue;
    }
    if (visiting.has(top.name)) throw new Untranslatable(`node '${node.name}' (op ${node.op}) is in a loop`);
    visiting.add(top.name);
    if (node.op === 'Placeholder') throw new Untranslatable(`placeholder '${node.name}' is not an input tfjs feeds`);
    stack.push({ name: top.name, expanded: true });
    for (const i of node.inputs) {
      const name = /^(.*):\d+$/.exec(i)?.[1] ?? i;
      if (!done.has(name)) stack.push({ name, expanded: false });
    }
  }
  return out;
}

/** Every node's output shape at batch 1 where graphShapes.ts can tell, from the inputs' known sizes and the small int constants. */
function staticShapes(model: GraphModel, topology: unknown, inputs: readonly TensorInfo[], constant: (name: string) => ConstValue | undefined): Map<string, (number | null)[]> {
  const ints = new Map<string, number[]>();
  for (const name of Object.keys(model.weights)) {
    const c = constant(name);
    if (c && c.dtype === 'int32' && c.data.length <= MAX_SHAPE_CONST) ints.set(name, Array.from(c.data));
  }
  const sample = new Map<string, number[]>();
  inputs.forEach((info, i) => {
    const rest = info.shape.slice(1);
    if (rest.every((d): d is number => d !== null)) sample.set(model.inputs[i]!.name.replace(/:0$/, ''), rest);
  });
  const out = new Map<string, (number | null)[]>();
  for (const o of graphNodeOutputs({ modelTopology: topology } as ModelJson, ints, sample)) {
    const name = /^node '(.*)' \(/.exec(o.what)?.[1];
    if (name !== undefined) out.set(name, [...o.shape]);
  }
  return out;
}

/** A decoded constant, copied (tfjs may reuse its buffer); null when tfjs holds none or not as float32/int32. */
function readConst(t: tf.Tensor | undefined): ConstValue | null {
  if (!t || (t.dtype !== 'float32' && t.dtype !== 'int32')) return null;
  const d = t.dataSync();
  return { dtype: t.dtype, shape: t.shape.slice(), data: t.dtype === 'float32' ? Float32Array.from(d as Float32Array) : Int32Array.from(d as Int32Array) };
}

function spec(info: TensorInfo): OnnxValueSpec {
  return { name: info.name, shape: info.shape.map((d, i) => d ?? (i === 0 ? 'N' : `${info.name}_d${i}`)) };
}
