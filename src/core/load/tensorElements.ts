import { EquiLensError } from '../errors';

/**
 * Number of elements of a tensor of `shape` (free dimensions count as 1), refused with one line
 * naming `file` and `what` when it exceeds `max`. Past 2^53 the product is no longer exact
 * (and may reach Infinity): it is then reported as such, never as a wrong number. A zero
 * dimension makes it 0 whatever the others are.
 */
export function elementCount(shape: readonly (number | null)[], max: number, file: string, what: string): number {
  if (shape.includes(0)) return 0;
  const n = shape.reduce<number>((a, d) => a * (d ?? 1), 1);
  if (n > max) {
    const count = n > Number.MAX_SAFE_INTEGER ? 'more than 2^53 elements' : `${n} elements`;
    throw new EquiLensError(file, `${what} has shape ${fmt(shape)}: ${count}, over the ${max} limit`);
  }
  return n;
}

/** Checks every weight of a manifest against the element cap, before any shard is read. */
export function checkWeightShapes(manifest: readonly { weights: readonly { name: string; shape: readonly number[] }[] }[], max: number, file: string): void {
  for (const group of manifest) for (const w of group.weights) elementCount(w.shape, max, file, `weight '${w.name}'`);
}

function fmt(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => d ?? '?').join(',')}]`;
}
