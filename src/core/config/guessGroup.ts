import { isChannelsFirst, toChannelsLast } from '../audit/inputLayout';
import { shapeProto } from '../checks/graph/graphNodes';
import { topologyLayers } from '../checks/topology';
import { isObject, type ModelJson } from '../load/modelJson';

/** A proposed group for a model, and the comment that says why and how to narrow it. */
export interface GroupGuess {
  group: string;
  why: string;
}

/**
 * The per-sample input shape a model declares (no batch axis; null entries are open sizes):
 * a layers model's first layer (batch_input_shape / batch_shape), a graph model's first
 * Placeholder, an ONNX model's first graph input — channels last, as the audit reads an ONNX
 * image input (NCHW unless its shape clearly says NHWC, see isChannelsFirst). null when it declares none.
 */
export function declaredInput(json: ModelJson): (number | null)[] | null {
  let shape: unknown;
  if (json.format === 'onnx') return onnxInput(json);
  if (json.format === 'graph-model') {
    const nodes = Array.isArray(json.modelTopology.node) ? json.modelTopology.node.filter(isObject) : [];
    const input = nodes.find((n) => n.op === 'Placeholder');
    const attr = isObject(input?.attr) ? input.attr : {};
    shape = shapeProto(isObject(attr.shape) ? attr.shape.shape : undefined);
  } else {
    const config = topologyLayers(json)?.[0]?.config;
    shape = isObject(config) ? (config.batch_input_shape ?? config.batch_shape) : undefined;
  }
  if (!Array.isArray(shape) || shape.length < 2) return null;
  return shape.slice(1).map((d) => (Number.isInteger(d) && (d as number) > 0 ? (d as number) : null));
}

// The stand-in's summary (onnxGraph.ts): inputs [{ shape: (number | '?')[] | null }], batch first.
function onnxInput(json: ModelJson): (number | null)[] | null {
  const summary = json.modelTopology.onnx;
  const inputs = isObject(summary) && Array.isArray(summary.inputs) ? summary.inputs : [];
  const first: unknown = inputs[0];
  const shape = isObject(first) && Array.isArray(first.shape) ? first.shape : null;
  if (!shape || shape.length < 2) return null;
  const dims = shape.map((d) => (Number.isInteger(d) && (d as number) > 0 ? (d as number) : null));
  return toChannelsLast(dims.slice(1), isChannelsFirst(dims, 'auto', '', '', true));
}

/** The group `equilens init` proposes from the input shape: the largest plausible one, to be narrowed. */
export function guessGroup(sample: (number | null)[] | null): GroupGuess {
  const dims = sample?.map((d) => (d === null ? '?' : String(d))).join('×');
  if (sample?.length === 3) {
    const [h, w] = sample;
    if (h !== null && h === w) {
      return { group: 'd4', why: `input ${dims}: square images, so d4 (rotations by 90° and mirrors) is proposed; narrow it (c4, flip-h, …) to the symmetries your task really has` };
    }
    return {
      group: 'flip-h',
      why: `input ${dims}: images${h === null || w === null ? ' of open size' : ' that are not square'}, so only mirrors apply; use flip-v or translate if those fit your task`,
    };
  }
  if (sample?.length === 2) {
    return { group: 'reverse', why: `input ${dims}: sequences (length × channels), so time reversal is proposed; shift for cyclic shifts, permute when the rows are a set of points` };
  }
  return { group: 'c4', why: `input ${dims ?? 'shape not declared'}: no group can be guessed; set the one your task has` };
}
