import { isObject, type ModelJson } from '../../load/modelJson';
import type { LayerStep, Size } from '../step';
import { constReader, type ConstantValues, type ConstReader } from './graphConsts';
import { PAD_OPS, padEffect, SLICE_OPS, sliceEffect } from './graphCrops';
import { graphNodes, shapeProto, strAttr, topoOrder, type GraphNode } from './graphNodes';
import { CONV_OPS, POOL_OPS, windowEffect } from './graphWindows';
import { unknownSizes, type OpEffect, type Shape } from './effect';

// Ops whose output has the shape of their (broadcast) inputs.
const KEEPS = new Set([
  'Identity',
  'StopGradient',
  'Snapshot',
  'Cast',
  'Relu',
  'Relu6',
  'Elu',
  'Selu',
  'Sigmoid',
  'Tanh',
  'LeakyRelu',
  'Softplus',
  'Softsign',
  'Exp',
  'Log',
  'Neg',
  'Abs',
  'Square',
  'Sqrt',
  'Rsqrt',
  'Reciprocal',
  'Erf',
  'Floor',
  'Round',
  'Sign',
  'Softmax',
  'LogSoftmax',
  'ClipByValue',
  'BiasAdd',
  'Add',
  'AddV2',
  'AddN',
  'Sub',
  'Mul',
  'RealDiv',
  'Div',
  'Maximum',
  'Minimum',
  'Prelu',
  'SquaredDifference',
  'Pow',
  'FusedBatchNorm',
  'FusedBatchNormV2',
  'FusedBatchNormV3',
]);

/**
 * Walks a graph model's nodes in dependency order, propagating tensor shapes from the input
 * placeholder (`inputShape`, batch first, overrides its declared sizes) and returns a step for
 * every convolution, pooling, padding or cropping op. `constants` supplies the values of Pad
 * and Slice constants, which live in the weight files; without them those sizes are unknown.
 */
export function walkGraph(json: ModelJson, inputShape: Size[], constants?: ConstantValues, inputChannelsFirst?: boolean): LayerStep[] {
  const nodes = graphNodes(json);
  const consts = constReader(json, nodes, constants);
  // Pads and slices carry no data_format: each tensor's layout is tracked from the input (its
  // audited layout) through Transposes and convolutions; the graph's convolutions tell the rest.
  const channelsFirst = nodes.some((n) => strAttr(n.attr, 'data_format') === 'NCHW');
  const layouts = new Map<string, boolean>();
  const shapes = new Map<string, Shape>();
  const steps: LayerStep[] = [];
  let inputTaken = false;
  for (const node of topoOrder(nodes)) {
    let effect: OpEffect;
    if (node.op === 'Placeholder') {
      const declared = shapeProto(isObject(node.attr.shape) ? node.attr.shape.shape : undefined);
      // The audited input gets the caller's shape; other placeholders keep theirs.
      const fits: boolean = !inputTaken && inputShape.length > 0 && (declared === null || declared.length === inputShape.length);
      inputTaken ||= fits;
      effect = { shape: fits ? inputShape.map((d, i) => d ?? declared?.[i] ?? null) : declared };
      layouts.set(node.name, fits ? (inputChannelsFirst ?? channelsFirst) : channelsFirst);
    } else {
      const cf = layouts.get(node.inputs[0] ?? '') ?? channelsFirst;
      const ins = node.inputs.map((i) => (i === null ? null : (shapes.get(i) ?? null)));
      effect = node.op === 'Transpose' ? transposeEffect(node, ins[0] ?? null, consts) : opEffect(node, ins, consts, cf);
      layouts.set(node.name, outputLayout(node, effect, cf, consts));
    }
    shapes.set(node.name, effect.shape);
    if (effect.map && (effect.window || effect.borders)) {
      steps.push({
        index: node.index,
        name: node.name,
        node: node.name,
        className: node.op,
        config: {},
        rank: effect.map.rank,
        inSize: effect.map.size,
        outSize: effect.outSize ?? null,
        window: effect.window ?? null,
        borders: effect.borders ?? null,
      });
    }
  }
  return steps.sort((a, b) => a.index - b.index);
}

function opEffect(node: GraphNode, ins: Shape[], consts: ConstReader, channelsFirst: boolean): OpEffect {
  const x = ins[0] ?? null;
  if (node.op === 'Const') return { shape: consts.shape(node.name) };
  if (CONV_OPS.has(node.op) || POOL_OPS.has(node.op)) return windowEffect(node, x, consts);
  if (PAD_OPS.has(node.op)) return padEffect(node, x, consts, channelsFirst);
  if (SLICE_OPS.has(node.op)) return sliceEffect(node, x, consts, channelsFirst);
  if (KEEPS.has(node.op)) return { shape: ins.reduce(broadcast, null) };
  if (node.op === 'ConcatV2') return { shape: concat(ins.slice(0, -1), consts.values(node.inputs.at(-1) ?? null)?.[0]) };
  return { shape: null }; // reshapes, reductions, matmuls, unknown ops: the map is no longer tracked
}

/** Transpose by a constant perm: the sizes move with it; an unknown perm loses them. */
function transposeEffect(node: GraphNode, x: Shape, consts: ConstReader): OpEffect {
  const perm = consts.values(node.inputs[1] ?? null);
  if (!x || !perm || perm.length !== x.length) return { shape: null };
  return { shape: perm.map((p) => x[p] ?? null) };
}

/**
 * Whether a node's output is channels-first: a convolution's own data_format; a Transpose that
 * moves the channels ([0,2,3,1]: to the end, [0,3,1,2]: to axis 1); otherwise its input's.
 */
function outputLayout(node: GraphNode, effect: OpEffect, cf: boolean, consts: ConstReader): boolean {
  if (CONV_OPS.has(node.op) || POOL_OPS.has(node.op)) return strAttr(node.attr, 'data_format') === 'NCHW';
  if (node.op !== 'Transpose' || !effect.shape) return cf;
  const perm = (consts.values(node.inputs[1] ?? null) ?? []).join();
  if (perm === '0,2,3,1') return false;
  if (perm === '0,3,1,2') return true;
  if (perm === '0,2,1') return !cf;
  return cf;
}

/** The broadcast shape of two inputs (a bias [C] against a map [N, H, W, C] gives the map). */
function broadcast(a: Shape, b: Shape): Shape {
  if (a === null || b === null) return a ?? b;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a.map((d, i) => (d === null || d === 1 ? (b[i] ?? d) : d));
}

/** Concatenation: sizes add up along `axis`; with the axis unknown, only the batch is kept. */
function concat(ins: Shape[], axis: number | undefined): Shape {
  const first = ins[0] ?? null;
  if (!first || axis === undefined) return unknownSizes(first);
  const a = axis < 0 ? axis + first.length : axis;
  const along = ins.map((s) => s?.[a] ?? null);
  const total = along.every((d): d is number => d !== null) ? along.reduce((p, d) => p + d, 0) : null;
  return first.map((d, i) => (i === a ? total : d));
}
