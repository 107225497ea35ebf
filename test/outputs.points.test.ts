// Issue 12 point 5: 'points:' representations — frames, group motions, permutations, pointErrorPx
// and the one-line refusals, on hand-computed numbers.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { EquiLensError } from '../src/core/errors';
import { makeGroup, parseRepresentation } from '../src/core/groups';
import type { Group } from '../src/core/groups/types';
import { pointErrorPx } from '../src/core/stats/pointError';

before(async () => {
  await tf.setBackend('cpu');
});

const flipH = (H = 4, W = 6) => makeGroup('flip-h', [H, W, 1], { seed: 0 });
const pts = (spec: string, g: Group, shape: (number | null)[], grid: number[]) => parseRepresentation(spec, g, shape, { inputGrid: grid });
const row = (...v: number[]) => Float32Array.from(v);
const close = (a: ArrayLike<number>, b: number[]) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-6, `index ${i}: ${a[i]} vs ${b[i]}`);
};

describe('frames under flip-h on a 4×6 image (W = 6)', () => {
  const g = flipH();
  it('unit: x → 1 − x, y and scores stay', () => close(pts('points:xys', g, [null, 3], [4, 6]).applyRow(1, row(0.25, 0.5, 0.9)), [0.75, 0.5, 0.9]));
  it('pixels: x → W − x', () => close(pts('points:xy,pixels', g, [null, 2], [4, 6]).applyRow(1, row(1.5, 2)), [4.5, 2]));
  it('centers: x → W − 1 − x', () => close(pts('points:xy,centers', g, [null, 2], [4, 6]).applyRow(1, row(1, 2)), [4, 2]));
  it('centered: x → −x', () => close(pts('points:xy,centered', g, [null, 2], [4, 6]).applyRow(1, row(-1.5, 0.5)), [1.5, 0.5]));
  it("field order is the spec's (yx) and z stays", () => close(pts('points:yxz,pixels', g, [null, 3], [4, 6]).applyRow(1, row(1, 2, 7)), [1, 4, 7]));
  it('flip-v: y → H − y', () => close(pts('points:xy,pixels', makeGroup('flip-v', [4, 6, 1], { seed: 0 }), [null, 2], [4, 6]).applyRow(1, row(1, 1)), [1, 3]));
  it('the identity leaves every value alone', () => close(pts('points:xy', g, [null, 2], [4, 6]).applyRow(0, row(0.1, 0.2)), [0.1, 0.2]));
});

describe('metric frame (THEORY §2: centered coordinates)', () => {
  it('subtracts the image centre from x and y only, and back', () => {
    const rep = pts('points:xys,pixels', flipH(), [null, 6], [4, 6]);
    const v = row(1, 1, 0.5, 6, 4, 0.7);
    rep.toMetricFrame!(v, 6);
    close(v, [-2, -1, 0.5, 3, 2, 0.7]);
    rep.fromMetricFrame!(v, 6);
    close(v, [1, 1, 0.5, 6, 4, 0.7]);
  });
  it('unit: the centre is 0.5', () => {
    const rep = pts('points:yx', flipH(), [null, 2], [4, 6]);
    const v = row(0.25, 1);
    rep.toMetricFrame!(v, 2);
    close(v, [-0.25, 0.5]);
  });
});

/** The (row, column) a one-hot image's pixel lands on under group element i. */
function landing(g: Group, i: number, H: number, W: number, r: number, c: number): [number, number] {
  const img = tf.buffer([1, H, W, 1]);
  img.set(1, 0, r, c, 0);
  const x = img.toTensor();
  const y = g.apply(i, x);
  const k = Array.from(y.dataSync()).indexOf(1);
  tf.dispose([x, y]);
  return [Math.floor(k / W), k % W];
}

describe('rotations and shifts move points as they move the image', () => {
  it('c4 on a hand example (4×4, pixel-index frame)', () => {
    const rep = pts('points:xy,centers', makeGroup('c4', [4, 4, 1], { seed: 0 }), [null, 2], [4, 4]);
    // rot90: out[i][j] = in[j][W−1−i], so the pixel at row 0, column 1 lands at row 2, column 0.
    close(rep.applyRow(1, row(1, 0)), [0, 2]);
    close(rep.applyRow(2, row(1, 0)), [2, 3]); // rot180: (W−1−x, H−1−y)
    close(rep.applyRow(3, row(1, 0)), [3, 1]);
  });
  for (const name of ['d4', 'translate'] as const) {
    it(`${name}: every element sends a pixel's point where it sends the pixel`, () => {
      const H = name === 'd4' ? 5 : 4;
      const W = name === 'd4' ? 5 : 3;
      const g = makeGroup(name, [H, W, 1], { seed: 0 });
      const rep = pts('points:yx,centers', g, [null, 2], [H, W]);
      for (let i = 0; i < g.elements.length; i++) {
        for (const [r, c] of [
          [0, 0],
          [1, 2],
          [H - 1, 1],
        ] as const) {
          const [r2, c2] = landing(g, i, H, W, r, c);
          close(rep.applyRow(i, row(r, c)), [r2, c2]);
        }
      }
    });
  }
  it('translate wraps points modulo the size (pixels frame)', () => {
    const g = makeGroup('translate', [4, 4, 1], { seed: 0 });
    const rep = pts('points:xy,pixels', g, [null, 2], [4, 4]);
    const k = g.elements.findIndex((e) => e.name === 'shift(0,-1)'); // dx = 3 ≡ −1
    close(rep.applyRow(k, row(0.5, 1.5)), [3.5, 1.5]);
    close(rep.applyRow(k, row(2.5, 1.5)), [1.5, 1.5]);
  });
});

describe('point permutations', () => {
  it("';flip-h=1,0' swaps two points after moving them", () => {
    const rep = pts('points:xys,centers;flip-h=1,0', flipH(), [null, 2, 3], [4, 6]);
    close(rep.applyRow(1, row(1, 2, 0.3, 4, 1, 0.8)), [1, 1, 0.8, 4, 2, 0.3]);
    assert.equal(rep.description, 'points (x, y, score; centers frame; flip-h swaps 0↔1)');
  });
  it('composes along words (d4: rot90 and flip-h)', () => {
    const g = makeGroup('d4', [4, 4, 1], { seed: 0 });
    const rep = pts('points:xy;rot90=1,2,3,0;flip-h=0,3,2,1', g, [null, 8], [4, 4]);
    assert.match(rep.description, /rot90 maps 0→1→2→3→0; flip-h swaps 1↔3/);
  });
  it('the MoveNet example parses and describes itself', () => {
    const rep = pts('points:yxs;flip-h=0,2,1,4,3,6,5,8,7,10,9,12,11,14,13,16,15', flipH(192, 192), [1, 1, 17, 3], [192, 192]);
    assert.equal(rep.kind, 'points');
    assert.equal(rep.description, 'points (y, x, score; unit frame; flip-h swaps 1↔2, 3↔4, 5↔6, 7↔8, 9↔10, 11↔12, 13↔14, 15↔16)');
  });
  it('also acts on tensors, batch by batch', () => {
    const rep = pts('points:xy,pixels;flip-h=1,0', flipH(), [null, 4], [4, 6]);
    const y = tf.tensor2d([
      [1, 1, 2, 2],
      [0, 3, 6, 0],
    ]);
    const out = rep.apply(1, y);
    close(out.dataSync(), [4, 2, 5, 1, 0, 0, 6, 3]);
    tf.dispose([y, out]);
  });
});

describe('pointErrorPx', () => {
  it('is the mean (x, y) distance in input pixels, unit coordinates scaled by W and H', () => {
    const rep = pts('points:xy', flipH(20, 10), [null, 4], [20, 10]);
    // B = 1, m = 2, two points: Δ = (0.1, 0.05) → (1, 1) px; Δ = (0, 0.1) → (0, 2) px.
    const expected = row(0.2, 0.2, 0.3, 0.3);
    const moved = row(0.3, 0.25, 0.3, 0.4);
    const orbit = { dims: { B: 1, m: 2, D: 4 }, moved: Float32Array.from([...expected, ...moved]), expected: Float32Array.from([...expected, ...expected]) };
    const px = pointErrorPx(orbit, rep.points!)!;
    assert.ok(Math.abs(px - (Math.SQRT2 + 2) / 2) < 1e-5, String(px));
  });
});

describe('refusals are one line', () => {
  const g = flipH();
  const cases: [string, string, (number | null)[], RegExp][] = [
    ['bad letter', 'points:xq', [null, 2], /points: fields 'xq' must be letters x, y, z \(coordinates\) and s \(scores\)/],
    ['no coordinate', 'points:ss', [null, 2], /hold no x or y coordinate/],
    ['unknown frame', 'points:xy,meters', [null, 2], /frame 'meters' is not one of unit, pixels, centers, centered/],
    ['wrong generator', 'points:xy;rot90=1,0', [null, 4], /points: 'rot90=1,0' must be <generator>=<permutation> with a generator of 'flip-h' \(flip-h\)/],
    ['wrong length', 'points:xy;flip-h=1,0', [null, 6], /points: 'flip-h=1,0' is not a permutation of 0…2 \(3 points\)/],
    [
      'not a whole number of groups',
      'points:yxs',
      [null, 56],
      /reads each output as groups of 3 values \(y, x, score\), but it holds 56 values per probe, not a whole number of groups: it mixes points with other values/,
    ],
    ['groups straddle rows', 'points:xy', [null, 2, 17], /its last axis has 17 values: the groups would straddle rows/],
  ];
  for (const [what, spec, shape, re] of cases) {
    it(what, () => {
      assert.throws(
        () => pts(spec, g, shape, [4, 6]),
        (e: unknown) => e instanceof EquiLensError && re.test(e.message) && !e.message.includes('\n'),
      );
    });
  }
  it('an x without a y under rotations', () => {
    assert.throws(() => pts('points:xs', makeGroup('c4', [4, 4, 1], { seed: 0 }), [null, 2], [4, 4]), /rot90 of group 'c4' mixes x and y, so every x needs a y/);
    assert.doesNotThrow(() => pts('points:xs', g, [null, 2], [4, 6]));
  });
  it('a group that does not act on images', () => {
    assert.throws(() => pts('points:xy', makeGroup('reverse', [8, 2], { seed: 0 }), [null, 2], [8]), /points need an image input/);
  });
  it('an output whose size shows only at run time is checked then', () => {
    const rep = pts('points:xy;flip-h=1,0', g, [null, null], [4, 6]);
    assert.throws(() => rep.applyRow(1, new Float32Array(6)), /'flip-h=1,0' is not a permutation of 0…2/);
    assert.throws(() => rep.applyRow(1, new Float32Array(5)), /holds 5 values per probe/);
  });
});
