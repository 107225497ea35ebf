import type { Size } from './step';

// Evidence wording that reads naturally for images (3×3, a 14×14 map) and sequences (size 3, a length-14 sequence).

/** "3×1" for images, "size 3" for sequences (whose second axis is the stored phantom one). */
export function dims(v: readonly number[], rank: 1 | 2): string {
  return rank === 1 ? `size ${v[0]}` : `${v[0]}×${v[1]}`;
}

/** "a 14×14 map" or "a length-14 sequence" ('?' where unknown). */
export function mapText(size: readonly Size[], rank: 1 | 2): string {
  const f = (n: Size) => (n === null ? '?' : String(n));
  return rank === 1 ? `a length-${f(size[0]!)} sequence` : `a ${f(size[0]!)}×${f(size[1]!)} map`;
}
