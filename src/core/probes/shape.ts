/** Number of elements in an array of this shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** '64×16×16×1', the form used in descriptions and errors ('scalar' for []). */
export function formatShape(shape: readonly number[]): string {
  return shape.length ? shape.join('×') : 'scalar';
}

/** True when both shapes have the same rank and sizes. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
