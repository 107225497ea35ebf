import { Rng } from '../../src/core/rng';

/** Image side in pixels; even, so rot90 maps the pixel grid (and 'same' padding) onto itself. */
export const SIZE = 16;

/** Class names, index = label. Every class is rotation-invariant in principle (a rotated T is a T). */
export const CLASSES = ['ring', 'square', 'triangle', 'tee'] as const;

export interface Dataset {
  /** [n, SIZE, SIZE, 1], row-major, values in [0, 1]. */
  images: Float32Array;
  labels: Int32Array;
  n: number;
}

/** Subsamples per pixel side: shapes are anti-aliased by supersampling their inside test. */
const SUPER = 4;
/** Half-size range of a shape in pixels, and the standard deviation of the pixel noise. */
const HALF_SIZE = [4.5, 6.5] as const;
const NOISE = 0.03;

type Inside = (x: number, y: number) => boolean;

/**
 * Shapes are drawn upright only, on a background lit from the top (brighter rows at the top):
 * the raw data has a consistent orientation, which a model trained without augmentation is free
 * to rely on.
 */
function shapeTest(cls: number, cx: number, cy: number, s: number, t: number): Inside {
  switch (CLASSES[cls]) {
    case 'ring':
      return (x, y) => {
        const r = Math.hypot(x - cx, y - cy);
        return r <= s && r >= s - t;
      };
    case 'square':
      return (x, y) => Math.abs(x - cx) <= 0.8 * s && Math.abs(y - cy) <= 0.8 * s;
    case 'triangle':
      // Apex up: the half-width grows from 0 at y = cy − s to s at y = cy + s.
      return (x, y) => y >= cy - s && y <= cy + s && Math.abs(x - cx) <= (y - (cy - s)) / 2;
    case 'tee':
      return (x, y) => (y >= cy - s && y <= cy - s + t && Math.abs(x - cx) <= s) || (Math.abs(x - cx) <= t / 2 && y >= cy - s && y <= cy + s);
    default:
      throw new Error(`unknown class: ${cls}`);
  }
}

/** One image of class `cls` into `out` (length SIZE²). */
function drawImage(cls: number, rng: Rng, out: Float32Array): void {
  const s = HALF_SIZE[0] + rng.next() * (HALF_SIZE[1] - HALF_SIZE[0]);
  const t = 1.6 + rng.next() * 1.0; // stroke 1.6…2.6 px
  const margin = s + 1.5;
  const cx = margin + rng.next() * (SIZE - 2 * margin);
  const cy = margin + rng.next() * (SIZE - 2 * margin);
  const inside = shapeTest(cls, cx, cy, s, t);
  const fg = 0.65 + rng.next() * 0.35;
  const bg = rng.next() * 0.1;
  const light = 0.2 + rng.next() * 0.15;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPER; sy++) {
        for (let sx = 0; sx < SUPER; sx++) {
          if (inside(px + (sx + 0.5) / SUPER, py + (sy + 0.5) / SUPER)) hits++;
        }
      }
      const cover = hits / (SUPER * SUPER);
      const back = bg + light * (1 - py / (SIZE - 1));
      const v = back * (1 - cover) + fg * cover + NOISE * rng.gaussian();
      out[py * SIZE + px] = Math.min(1, Math.max(0, v));
    }
  }
}

/** n images with labels cycling through the classes, in a seeded random order. */
export function makeDataset(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const images = new Float32Array(n * SIZE * SIZE);
  const labels = new Int32Array(n);
  const order = rng.permutation(n);
  for (let i = 0; i < n; i++) {
    const cls = order[i]! % CLASSES.length;
    labels[i] = cls;
    drawImage(cls, rng, images.subarray(i * SIZE * SIZE, (i + 1) * SIZE * SIZE));
  }
  return { images, labels, n };
}
