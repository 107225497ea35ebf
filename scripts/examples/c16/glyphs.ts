import { Rng } from '../../../src/core/rng';

/** Image side in pixels; odd, so the rotation centre is a pixel centre. */
export const C16_SIZE = 21;

/**
 * Digit-like classes, index = label. No class is a rotation of another (no 6/9 pair), so
 * a classifier of rotated glyphs can be invariant in principle: a turned 7 is still a 7.
 */
export const C16_CLASSES = ['0', '1', '2', '3', '4', '7'] as const;

/** Strokes of each glyph: polylines in a box x ∈ [−0.6, 0.6], y ∈ [−0.9, 0.9] (y down). */
const STROKES: Record<(typeof C16_CLASSES)[number], [number, number][][]> = {
  '0': [Array.from({ length: 17 }, (_, i) => [0.55 * Math.cos((i * Math.PI) / 8), 0.85 * Math.sin((i * Math.PI) / 8)] as [number, number])],
  '1': [
    [
      [0.05, -0.9],
      [0.05, 0.9],
    ],
    [
      [-0.35, -0.55],
      [0.05, -0.9],
    ],
  ],
  '2': [
    [
      [-0.5, -0.5],
      [-0.3, -0.82],
      [0.15, -0.9],
      [0.5, -0.6],
      [0.45, -0.2],
      [-0.55, 0.88],
      [0.6, 0.88],
    ],
  ],
  '3': [
    [
      [-0.5, -0.75],
      [-0.1, -0.9],
      [0.4, -0.75],
      [0.45, -0.35],
      [0.0, -0.05],
      [0.5, 0.3],
      [0.45, 0.75],
      [-0.05, 0.9],
      [-0.5, 0.75],
    ],
  ],
  '4': [
    [
      [0.3, 0.9],
      [0.3, -0.9],
      [-0.6, 0.35],
      [0.6, 0.35],
    ],
  ],
  '7': [
    [
      [-0.6, -0.85],
      [0.6, -0.85],
      [-0.1, 0.9],
    ],
  ],
};

export interface GlyphSet {
  /** [n, C16_SIZE, C16_SIZE, 1], row-major, values in [0, 1]. */
  images: Float32Array;
  labels: Int32Array;
  n: number;
}

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x: number, y: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

/**
 * Gaussian blur (σ in pixels) of the glyphs, like the pen and scanner blur of real digits. Why it
 * matters here: a bilinear turn by a non-right angle blurs an image a little (up to σ ≈ 0.5 px),
 * and exact quarter turns do not, so on sharp glyphs a network can tell turned images from
 * upright ones by their sharpness alone, a bias every member shares that no ensemble averages
 * away. On glyphs already blurred by σ the extra blur is small (√(σ² + 0.25) vs σ).
 */
const BLUR = 1.2;

/**
 * One glyph into `out`: upright like a handwritten digit (a tilt of at most ±12°), random size,
 * stroke width, contrast and a sub-pixel offset of at most one pixel, anti-aliased, then blurred
 * (BLUR). It always fits inside the inscribed disk, which is all a rotation audit looks at.
 */
function drawGlyph(cls: number, rng: Rng, out: Float32Array): void {
  const scale = 5.6 + rng.next() * 1.2; // pixels per glyph unit: the glyph is ≈ 11–13 px tall
  const tilt = ((rng.next() * 2 - 1) * 12 * Math.PI) / 180;
  const half = 0.8 + rng.next() * 0.4; // half stroke width in pixels
  const ox = (C16_SIZE - 1) / 2 + (rng.next() * 2 - 1);
  const oy = (C16_SIZE - 1) / 2 + (rng.next() * 2 - 1);
  const fg = 0.7 + rng.next() * 0.3;
  const cos = Math.cos(tilt);
  const sin = Math.sin(tilt);
  const strokes = STROKES[C16_CLASSES[cls]!];
  for (let py = 0; py < C16_SIZE; py++) {
    for (let px = 0; px < C16_SIZE; px++) {
      // Pixel centre → glyph units (undo offset, tilt and scale).
      const u = px - ox;
      const v = py - oy;
      const x = (cos * u + sin * v) / scale;
      const y = (-sin * u + cos * v) / scale;
      let d = Infinity;
      for (const line of strokes) for (let k = 1; k < line.length; k++) d = Math.min(d, segmentDistance(x, y, line[k - 1]!, line[k]!));
      const cover = Math.min(1, Math.max(0, half + 0.5 - d * scale));
      out[py * C16_SIZE + px] = fg * cover;
    }
  }
  gaussianBlur(out, BLUR);
}

/** Separable Gaussian blur of one C16_SIZE² image in place, zeros outside, brightness renormalised to the sharp peak. */
function gaussianBlur(img: Float32Array, sigma: number): void {
  const S = C16_SIZE;
  const r = Math.ceil(3 * sigma);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  const peak = Math.max(...img);
  const pass = (src: Float32Array, dx: number, dy: number): Float32Array => {
    const dst = new Float32Array(S * S);
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        let v = 0;
        for (let i = -r; i <= r; i++) {
          const xx = x + i * dx;
          const yy = y + i * dy;
          if (xx >= 0 && xx < S && yy >= 0 && yy < S) v += k[i + r]! * src[yy * S + xx]!;
        }
        dst[y * S + x] = v / sum;
      }
    }
    return dst;
  };
  const blurred = pass(pass(img, 1, 0), 0, 1);
  // Blurring thin strokes dims them; scale back so the stroke's brightest pixel keeps its contrast.
  const top = Math.max(...blurred);
  for (let i = 0; i < img.length; i++) img[i] = top > 0 ? (blurred[i]! * peak) / top : 0;
}

/** n glyphs with labels cycling through the classes, in a seeded random order. */
export function makeGlyphs(n: number, seed: number): GlyphSet {
  const rng = new Rng(seed);
  const px = C16_SIZE * C16_SIZE;
  const images = new Float32Array(n * px);
  const labels = new Int32Array(n);
  const order = rng.permutation(n);
  for (let i = 0; i < n; i++) {
    const cls = order[i]! % C16_CLASSES.length;
    labels[i] = cls;
    drawGlyph(cls, rng, images.subarray(i * px, (i + 1) * px));
  }
  return { images, labels, n };
}
