import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { makeGroup } from '../src/core/groups';
import { applyDiskMask, diskMask, rotateImages, shiftImages } from '../src/core/groups/continuous/resample';

before(async () => {
  await tf.setBackend('cpu');
});

/** Runs f, reads its result and frees every tensor it made. */
function read(f: () => tf.Tensor): Float32Array {
  const t = tf.tidy(f);
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out;
}

function batch(H: number, W: number, C = 2, seed = 3): tf.Tensor4D {
  return tf.randomUniform<tf.Rank.R4>([3, H, W, C], -1, 1, 'float32', seed);
}

describe('rotateImages', () => {
  it('rotates by multiples of 90° exactly as the c4 permutations do, bit for bit', () => {
    const c4 = makeGroup('c4', [7, 7, 2], { seed: 1 });
    const x = batch(7, 7);
    for (let k = 0; k < 4; k++) {
      const got = read(() => rotateImages(x, (k * Math.PI) / 2));
      const want = read(() => c4.apply(k, x));
      assert.deepEqual(got, want, `rot ${90 * k}°`);
    }
    x.dispose();
  });

  it('turns counter-clockwise as displayed: the right-middle pixel goes to the top-middle', () => {
    const v = new Float32Array(9);
    v[1 * 3 + 2] = 1; // row 1, column 2
    const got = read(() => rotateImages(tf.tensor4d(v, [1, 3, 3, 1]), Math.PI / 2));
    assert.equal(got[0 * 3 + 1], 1);
    assert.equal(
      got.reduce((a, b) => a + b, 0),
      1,
    );
  });

  it('rotates by 180° exactly on non-square grids', () => {
    const c2 = makeGroup('c2', [4, 6, 1], { seed: 1 });
    const x = batch(4, 6, 1);
    assert.deepEqual(
      read(() => rotateImages(x, Math.PI)),
      read(() => c2.apply(1, x)),
    );
    x.dispose();
  });

  it('rotating by θ then −θ gives the image back inside the disk, up to interpolation', () => {
    // A smooth image (a low-frequency pattern) so bilinear interpolation is accurate.
    const H = 32;
    const v = new Float32Array(H * H);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) v[i * H + j] = Math.sin(i / 5) + Math.cos(j / 4);
    const x = tf.tensor4d(v, [1, H, H, 1]);
    const mask = diskMask(H, H);
    for (const deg of [22.5, 37, 135]) {
      const a = (deg * Math.PI) / 180;
      const back = read(() => rotateImages(rotateImages(x, a), -a));
      let worst = 0;
      for (let s = 0; s < v.length; s++) if (mask[s]) worst = Math.max(worst, Math.abs(back[s]! - v[s]!));
      assert.ok(worst < 0.05, `${deg}°: worst error ${worst}`);
      assert.ok(worst > 0, `${deg}°: bilinear resampling is not exact`);
    }
    x.dispose();
  });

  it('keeps the mass of a bump away from the edge and reads zeros off the image', () => {
    const v = new Float32Array(9).fill(1);
    const got = read(() => rotateImages(tf.tensor4d(v, [1, 3, 3, 1]), Math.PI / 4));
    assert.ok(Math.abs(got[4]! - 1) < 1e-6, 'the centre pixel stays');
    assert.ok(got[0]! < 1, 'a corner reads partly off the image');
  });
});

describe('non-finite pixels', () => {
  it('a NaN pixel reaches only the outputs that read it with a nonzero weight', () => {
    const rotate = (corner: number): Float32Array => {
      const v = new Float32Array(25).fill(1);
      v[0] = corner;
      return read(() => rotateImages(tf.tensor4d(v, [1, 5, 5, 1]), (10 * Math.PI) / 180));
    };
    const nan = rotate(NaN);
    const big = rotate(1000);
    const readers = Array.from(big, (b, s) => b !== rotate(1)[s]);
    assert.ok(readers.some((r) => r) && !readers.every((r) => r));
    readers.forEach((r, s) => assert.equal(Number.isNaN(nan[s]), r, `output ${s}`));
  });
});

describe('shiftImages', () => {
  it('shifts by whole pixels exactly as the translate group does (np.roll)', () => {
    const tr = makeGroup('translate', [4, 3, 2], { seed: 1 });
    const x = batch(4, 3);
    tr.elements.forEach((el, i) => {
      const [dy, dx] = el.name === 'e' ? [0, 0] : el.name.slice(6, -1).split(',').map(Number);
      assert.deepEqual(
        read(() => shiftImages(x, dx!, dy!)),
        read(() => tr.apply(i, x)),
        el.name,
      );
    });
    x.dispose();
  });

  it('a half-pixel shift averages neighbours, wrapping around', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 1, 4, 1]);
    assert.deepEqual(Array.from(read(() => shiftImages(x, 0.5, 0))), [2.5, 1.5, 2.5, 3.5]);
    x.dispose();
  });
});

describe('diskMask', () => {
  it('keeps pixel centres within (min(H,W)−1)/2 of the centre, boundary included', () => {
    // 5×5: radius 2 reaches the middle edge pixels; the corners (distance 2.83) are out.
    const m = diskMask(5, 5);
    const rows = [0, 1, 2, 3, 4].map((i) => Array.from(m.subarray(5 * i, 5 * i + 5)).join(''));
    assert.deepEqual(rows, ['00100', '01110', '11111', '01110', '00100']);
    // 4×4: radius 1.5; only the middle 2×2 (distance 0.71) is within it, (0.5, 1.5) is at 1.58.
    assert.equal(
      diskMask(4, 4).reduce((a, b) => a + b, 0),
      4,
    );
  });

  it('applyDiskMask zeros the outside and keeps the inside bit for bit', () => {
    const x = batch(5, 5, 1);
    const got = read(() => applyDiskMask(x));
    const raw = x.dataSync();
    const m = diskMask(5, 5);
    for (let s = 0; s < got.length; s++) assert.equal(got[s], m[s % 25] ? raw[s] : 0);
    x.dispose();
  });
});
