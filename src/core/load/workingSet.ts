import { EquiLensError } from '../errors';
import { mib, type Limits } from './limits';
import { elementCount } from './tensorElements';

/** One node's (graph) or layer's (layers model) output at batch 1, as estimated before anything runs. */
export interface NodeOutput {
  /** How messages name it, e.g. "node 'tile' (Tile)" or "layer 'up'". */
  what: string;
  /** Batch first (1); null dimensions are unknown and count as 1, so sizes are lower bounds. */
  shape: readonly (number | null)[];
}

/** tfjs computes in 32-bit values whatever the weights' storage. */
const BYTES_PER_VALUE = 4;

/**
 * Refuses a model whose outputs at batch 1 are too big, before anything is allocated: one
 * output over the element cap, or all of them together (the sample's working set: an upper
 * bound, tfjs frees an activation once its consumers ran) over the memory budget, naming the
 * biggest output and the bytes it would need. Returns the working set's bytes per sample.
 */
export function checkWorkingSet(outputs: readonly NodeOutput[], path: string, limits: Limits): number {
  let total = 0;
  let biggest: { out: NodeOutput; bytes: number } | null = null;
  for (const out of outputs) {
    const bytes = elementCount(perSample(out.shape), limits.maxTensorElements, path, `${out.what} output (per sample)`) * BYTES_PER_VALUE;
    total += bytes;
    if (!biggest || bytes > biggest.bytes) biggest = { out, bytes };
  }
  if (biggest && total > limits.maxMemoryBytes) {
    const { out, bytes } = biggest;
    const rest = total > bytes ? ` (${total} bytes with the other outputs)` : '';
    throw new EquiLensError(path, `${out.what} output ${fmt(perSample(out.shape))} would need ${mib(bytes)} per sample${rest}, over the ${mib(limits.maxMemoryBytes)} memory limit (--max-memory-mb)`);
  }
  return total;
}

/** The shape without its batch dimension (1 here), as messages about one sample show it. */
function perSample(shape: readonly (number | null)[]): readonly (number | null)[] {
  return shape.length > 1 && shape[0] === 1 ? shape.slice(1) : shape;
}

function fmt(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => d ?? '?').join(',')}]`;
}
