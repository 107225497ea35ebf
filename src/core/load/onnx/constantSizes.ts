// Tensors a graph makes from constants alone — ConstantOfShape of a constant shape, Expand to a
// constant shape, Tile of a constant, Range of constant bounds: onnxruntime folds the ones with
// constant inputs while it loads the model (measured: a 147-byte file took the runtime's peak
// RSS to 590 MiB at load with a [2^27, 1] ConstantOfShape), and computes the others on every
// run. Their sizes follow from the constants, so they are held to the tensor cap here, before
// any runtime sees the file. Shapes computed by other ops (a Mul or Concat of constants) are not
// followed: that would need constant folding of our own.
import { EquiLensError } from '../../errors';
import type { Limits } from '../limits';

/** The part of onnxGraph's OnnxNode read here (a local type keeps the two files out of an import cycle). */
interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, unknown>;
}

/** An initializer's or Constant node's dims and, for small integer tensors, its values. */
export interface KnownConstant {
  dims: number[];
  ints: number[] | null;
}

/** Integer constants with more values than this are not kept (shapes, repeats and bounds are short). */
export const MAX_KEPT_INTS = 64;

/** Throws an EquiLensError naming `path` when a node of `nodes` would make a tensor over the cap from constants. */
export function checkConstantSizes(nodes: readonly OnnxNode[], consts: ReadonlyMap<string, KnownConstant>, limits: Limits, path: string): void {
  for (const n of nodes) {
    const size = madeSize(n, consts);
    if (size !== null && size > limits.maxTensorElements) {
      throw new EquiLensError(path, `${n.op} node making '${n.outputs[0] ?? ''}' asks for ${size} elements from constants alone, over the ${limits.maxTensorElements} limit`);
    }
  }
}

/** The node's output size when its constants fix it (a lower bound for Expand), else null. */
function madeSize(n: OnnxNode, consts: ReadonlyMap<string, KnownConstant>): number | null {
  const ints = (i: number) => consts.get(n.inputs[i] ?? '')?.ints ?? null;
  const product = (xs: readonly number[]) => xs.reduce((a, d) => a * Math.max(d, 0), 1);
  switch (n.op) {
    case 'ConstantOfShape':
    case 'Expand': {
      // Expand broadcasts its input to the shape: the output is at least the shape's product.
      const shape = ints(n.op === 'Expand' ? 1 : 0);
      return shape && product(shape);
    }
    case 'Tile': {
      const input = consts.get(n.inputs[0] ?? '');
      const repeats = ints(1);
      return input && repeats ? product(input.dims.map((d, i) => d * (repeats[i] ?? 1))) : null;
    }
    case 'Range': {
      const [start, limit, delta] = [ints(0)?.[0], ints(1)?.[0], ints(2)?.[0]];
      if (start === undefined || limit === undefined || !delta) return null;
      return Math.max(0, Math.ceil((limit - start) / delta));
    }
    default:
      return null;
  }
}
