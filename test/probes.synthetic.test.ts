import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileSystem } from '../src/core/io/files';
import { loadProbes, type ProbeSet, type ProbeSpec } from '../src/core/probes';

/** Synthetic probes must never touch storage. */
const noFiles: FileSystem = {
  readFile: () => Promise.reject(new Error('no files')),
  realPath: () => Promise.reject(new Error('no files')),
  readDir: () => Promise.reject(new Error('no files')),
  stat: () => Promise.reject(new Error('no files')),
};

function synthetic(layout: ProbeSpec['layout'], sampleShape: number[], count = 8, seed = 0): Promise<ProbeSet> {
  return loadProbes(noFiles, { count, seed, sampleShape, layout });
}

/** Probe b of a set, as a view. */
function sample(p: ProbeSet, b: number): Float32Array {
  const per = p.data.length / p.shape[0]!;
  return p.data.subarray(b * per, (b + 1) * per);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** x moved by a site map: out[site] = x[map(site)], channels untouched. */
function remap(x: Float32Array, sites: number, channels: number, map: (site: number) => number): Float32Array {
  const out = new Float32Array(x.length);
  for (let s = 0; s < sites; s++) for (let k = 0; k < channels; k++) out[s * channels + k] = x[map(s) * channels + k]!;
  return out;
}

/** Mean absolute difference between neighbouring sites along the first axis after the batch. */
function roughness(x: Float32Array, stride: number): number {
  let sum = 0;
  for (let i = stride; i < x.length; i++) sum += Math.abs(x[i]! - x[i - stride]!);
  return sum / (x.length - stride);
}

describe('synthetic probes', () => {
  it('are deterministic per seed and differ across seeds', async () => {
    const a = await synthetic('image', [6, 6, 3], 8, 7);
    const b = await synthetic('image', [6, 6, 3], 8, 7);
    const c = await synthetic('image', [6, 6, 3], 8, 8);
    assert.deepEqual(a.data, b.data);
    assert.ok(maxDiff(a.data, c.data) > 0.1);
  });

  it('have the requested shape, values in [0, 1] and a description with recipe and seed', async () => {
    const cases: [ProbeSpec['layout'], number[], string][] = [
      ['image', [8, 8, 2], 'smooth fields'],
      ['sequence', [20, 3], 'smooth signals'],
      ['set', [10, 4], 'clustered point sets'],
    ];
    for (const [layout, shape, kind] of cases) {
      const p = await synthetic(layout, shape, 5, 3);
      assert.equal(p.source, 'synthetic');
      assert.deepEqual(p.shape, [5, ...shape]);
      assert.equal(p.data.length, 5 * shape.reduce((x, y) => x * y));
      assert.ok(
        p.data.every((v) => v >= 0 && v <= 1),
        `${layout} in [0, 1]`,
      );
      assert.equal(p.description, `synthetic: 3 Gaussian + 2 ${kind}, seed 3`);
    }
  });

  it('are half noise and half smooth', async () => {
    const p = await synthetic('image', [16, 16, 1], 4);
    const rough = [0, 1, 2, 3].map((b) => roughness(sample(p, b), 1));
    assert.ok(Math.min(rough[0]!, rough[1]!) > 3 * Math.max(rough[2]!, rough[3]!), `roughness ${rough}`);
    const s = await synthetic('sequence', [64, 1], 2);
    assert.ok(roughness(sample(s, 0), 1) > 3 * roughness(sample(s, 1), 1));
  });

  it('are not symmetric under flips, rotations, shifts, reversal or point permutation', async () => {
    const n = 8;
    const img = await synthetic('image', [n, n, 2], 16, 1);
    const moves: Record<string, (s: number) => number> = {
      'flip-h': (s) => Math.floor(s / n) * n + (n - 1 - (s % n)),
      'flip-v': (s) => (n - 1 - Math.floor(s / n)) * n + (s % n),
      rot90: (s) => (s % n) * n + (n - 1 - Math.floor(s / n)),
      rot180: (s) => n * n - 1 - s,
      transpose: (s) => (s % n) * n + Math.floor(s / n),
      'shift(1,0)': (s) => Math.floor(s / n) * n + ((s + 1) % n),
    };
    for (let b = 0; b < 16; b++) {
      for (const [name, map] of Object.entries(moves)) {
        const x = sample(img, b);
        assert.ok(maxDiff(x, remap(x, n * n, 2, map)) > 0.1, `image ${b} ~ ${name}`);
      }
    }
    const seq = await synthetic('sequence', [12, 1], 16, 1);
    const set = await synthetic('set', [12, 3], 16, 1);
    for (let b = 0; b < 16; b++) {
      const x = sample(seq, b);
      assert.ok(
        maxDiff(
          x,
          remap(x, 12, 1, (t) => 11 - t),
        ) > 0.05,
        `sequence ${b} ~ reverse`,
      );
      assert.ok(
        maxDiff(
          x,
          remap(x, 12, 1, (t) => (t + 1) % 12),
        ) > 0.05,
        `sequence ${b} ~ shift`,
      );
      const y = sample(set, b);
      assert.ok(
        maxDiff(
          y,
          remap(y, 12, 3, (t) => 11 - t),
        ) > 0.05,
        `set ${b} ~ permutation`,
      );
    }
  });

  it('apply mean/std and reject a shape of the wrong rank', async () => {
    const plain = await synthetic('sequence', [4, 2], 2);
    const norm = await loadProbes(noFiles, { count: 2, seed: 0, sampleShape: [4, 2], layout: 'sequence', mean: [0.5, 0], std: [0.25, 1] });
    plain.data.forEach((v, i) => assert.ok(Math.abs(norm.data[i]! - (i % 2 ? v : (v - 0.5) / 0.25)) < 1e-6));
    await assert.rejects(synthetic('image', [8, 8]), /image probes need a rank-3 sample shape, got \[8, 8\]/);
  });
});
