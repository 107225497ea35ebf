import { Rng } from '../rng';
import { resizeBilinear } from './resizeBilinear';
import { shapeSize } from './shape';
import type { ProbeSet, ProbeSpec } from './types';

/** Knots per side of the coarse noise behind smooth fields (images) and signals (sequences). */
const COARSE = 4;
const COARSE_1D = 6;

/**
 * Seeded probes for when the user has no data: the first ⌈count/2⌉ are i.i.d. noise
 * clamp(0.5 + 0.25·N(0, 1), 0, 1); the rest are structured samples rescaled to [0, 1] — smooth
 * fields (images), smooth signals (sequences) or Gaussian clusters (sets). Noise probes test
 * pixel-level behaviour, structured ones look more like data. Noise is 0.25·N rather than 0.5·N
 * so that under 5% of values clip. No probe is symmetric under a flip, rotation, shift or
 * permutation by accident: every recipe draws independent values per site or per knot.
 */
export function syntheticProbes(spec: Pick<ProbeSpec, 'count' | 'seed' | 'sampleShape' | 'layout'>): ProbeSet {
  const { count, seed, sampleShape, layout } = spec;
  const rng = new Rng(seed);
  const per = shapeSize(sampleShape);
  const noisy = Math.ceil(count / 2);
  const data = new Float32Array(count * per);
  for (let i = 0; i < count; i++) {
    const sample = data.subarray(i * per, (i + 1) * per);
    if (i < noisy) fillNoise(sample, rng);
    else if (layout === 'image') fillField(sample, sampleShape, rng);
    else if (layout === 'sequence') fillSignal(sample, sampleShape, rng);
    else fillClusters(sample, sampleShape, rng);
  }
  const kind = { image: 'smooth fields', sequence: 'smooth signals', set: 'clustered point sets' }[layout];
  return {
    data,
    shape: [count, ...sampleShape],
    source: 'synthetic',
    description: `synthetic: ${noisy} Gaussian + ${count - noisy} ${kind}, seed ${seed}`,
  };
}

function fillNoise(out: Float32Array, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, 0.5 + 0.25 * rng.gaussian()));
}

/**
 * Per channel, bilinearly upsampled 4×4 Gaussian noise plus two plane waves of up to 2 cycles.
 * The independent coarse values keep a field from being symmetric by chance, which a few
 * sinusoids alone sometimes nearly are.
 */
function fillField(out: Float32Array, shape: readonly number[], rng: Rng): void {
  const [h, w, c] = shape as [number, number, number];
  const gh = Math.min(COARSE, h);
  const gw = Math.min(COARSE, w);
  const coarse = Float32Array.from({ length: gh * gw * c }, () => rng.gaussian());
  out.set(resizeBilinear(coarse, gh, gw, c, h, w));
  // The two waves' terms are written out and their per-row and per-column parts read from tables:
  // the same operations in the same order as one loop over the waves, a few times faster.
  const colA = new Float64Array(w);
  const colB = new Float64Array(w);
  for (let k = 0; k < c; k++) {
    const [a, b] = Array.from({ length: 2 }, () => ({ fy: uniform(rng, -2, 2), ...wave(rng, -2, 2) })) as [Wave2d, Wave2d];
    for (let x = 0; x < w; x++) {
      colA[x] = (a.freq * x) / w;
      colB[x] = (b.freq * x) / w;
    }
    for (let y = 0; y < h; y++) {
      const rowA = (a.fy * y) / h;
      const rowB = (b.fy * y) / h;
      for (let x = 0; x < w; x++) {
        let v = 0;
        v += a.amp * Math.sin(2 * Math.PI * (colA[x]! + rowA) + a.phase);
        v += b.amp * Math.sin(2 * Math.PI * (colB[x]! + rowB) + b.phase);
        out[(y * w + x) * c + k]! += v;
      }
    }
  }
  rescale(out);
}

interface Wave2d {
  fy: number;
  freq: number;
  amp: number;
  phase: number;
}

/** Per channel, linearly upsampled Gaussian noise at 6 knots plus two sinusoids of 0.5–3 cycles. */
function fillSignal(out: Float32Array, shape: readonly number[], rng: Rng): void {
  const [t, c] = shape as [number, number];
  const knots = Math.min(COARSE_1D, t);
  const coarse = Float32Array.from({ length: knots * c }, () => rng.gaussian());
  out.set(resizeBilinear(coarse, 1, knots, c, 1, t));
  for (let k = 0; k < c; k++) {
    const waves = Array.from({ length: 2 }, () => wave(rng, 0.5, 3));
    for (let i = 0; i < t; i++) {
      let v = 0;
      for (const s of waves) v += s.amp * Math.sin((2 * Math.PI * s.freq * i) / t + s.phase);
      out[i * c + k]! += v;
    }
  }
  rescale(out);
}

/** Points scattered (σ = 0.3) around two to four centres drawn from N(0, 1). */
function fillClusters(out: Float32Array, shape: readonly number[], rng: Rng): void {
  const [n, f] = shape as [number, number];
  const centres = Array.from({ length: 2 + rng.int(3) }, () => Array.from({ length: f }, () => rng.gaussian()));
  for (let p = 0; p < n; p++) {
    const centre = centres[rng.int(centres.length)]!;
    for (let j = 0; j < f; j++) out[p * f + j] = centre[j]! + 0.3 * rng.gaussian();
  }
  rescale(out);
}

/** A random sinusoid: frequency (cycles per extent) in [lo, hi], amplitude 0.5–1, any phase. */
function wave(rng: Rng, lo: number, hi: number): { freq: number; amp: number; phase: number } {
  return { freq: uniform(rng, lo, hi), amp: uniform(rng, 0.5, 1), phase: uniform(rng, 0, 2 * Math.PI) };
}

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

/** Maps min…max of the sample onto 0…1 (all 0.5 when constant). */
function rescale(out: Float32Array): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of out) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const span = max - min;
  for (let i = 0; i < out.length; i++) out[i] = span > 0 ? (out[i]! - min) / span : 0.5;
}
