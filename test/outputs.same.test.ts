// Issue 12 point 5: 'same;<gen>=<perm>' moves output maps like the input and permutes their
// channels; channels-first outputs ([B,C,h,w], NCHW models) move on axes 2 and 3.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { makeGroup, parseRepresentation } from '../src/core/groups';

before(async () => {
  await tf.setBackend('cpu');
});

const flip = () => makeGroup('flip-h', [4, 3, 1], { seed: 0 });
const values = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

describe("'same;<gen>=<perm>'", () => {
  it('mirrors each map and swaps the two channels (NHWC, by hand)', () => {
    const rep = parseRepresentation('same;flip-h=1,0', flip(), [null, 1, 3, 2]);
    assert.equal(rep.description, 'same (outputs move like the input; channels: flip-h swaps 0↔1)');
    // One row of 3 sites × 2 channels: [s0c0, s0c1, s1c0, s1c1, s2c0, s2c1] = 0…5.
    assert.deepEqual(Array.from(rep.applyRow(1, values(6))), [5, 4, 3, 2, 1, 0]);
    assert.deepEqual(Array.from(rep.applyRow(0, values(6))), [0, 1, 2, 3, 4, 5]);
  });

  it('channels first: the same maps, stored [C, h, w]', () => {
    const rep = parseRepresentation('same;flip-h=1,0', flip(), [null, 2, 1, 3], { channelsFirst: true });
    assert.match(rep.description, /channels first; channels: flip-h swaps 0↔1/);
    // [c0: 0 1 2 | c1: 3 4 5] → c0 = mirrored c1, c1 = mirrored c0.
    assert.deepEqual(Array.from(rep.applyRow(1, values(6))), [5, 4, 3, 2, 1, 0]);
    const plain = parseRepresentation('same', flip(), [null, 2, 1, 3], { channelsFirst: true });
    assert.deepEqual(Array.from(plain.applyRow(1, values(6))), [2, 1, 0, 5, 4, 3]);
  });

  for (const channelsFirst of [false, true]) {
    it(`tensors and rows agree (d4, ${channelsFirst ? 'NCHW' : 'NHWC'}, rot90 and flip-h words)`, () => {
      const g = makeGroup('d4', [4, 4, 1], { seed: 0 });
      const shape = [2, 4, 4, 4]; // 4 channels on a 4×4 grid, read either way
      const rep = parseRepresentation('same;rot90=1,2,3,0;flip-h=0,3,2,1', g, [null, ...shape.slice(1)], { channelsFirst });
      const y = tf.randomNormal(shape, 0, 1, 'float32', 7);
      const data = y.dataSync() as Float32Array;
      for (let i = 0; i < g.elements.length; i++) {
        const t = rep.apply(i, y);
        const got = t.dataSync();
        for (let b = 0; b < 2; b++) {
          const row = rep.applyRow(i, data.subarray(b * 64, (b + 1) * 64));
          for (let d = 0; d < 64; d++) assert.equal(got[b * 64 + d], row[d], `element ${i}, value ${d}`);
        }
        t.dispose();
      }
      y.dispose();
    });
  }

  it('refuses a wrong channel count, generator or shape in one line', () => {
    assert.throws(() => parseRepresentation('same;flip-h=1,0,2', flip(), [null, 4, 3, 2]), /same: 'flip-h=1,0,2' is not a permutation of 0…1 \(2 channels\)/);
    assert.throws(() => parseRepresentation('same;rot90=1,0', flip(), [null, 4, 3, 2]), /same: 'rot90=1,0' must be <generator>=<permutation> with a generator of 'flip-h'/);
    assert.throws(() => parseRepresentation('same;flip-h=1,0', flip(), [null, 2]), /representation 'same' for group 'flip-h' needs outputs shaped \[B,h,w,C\], got \[\?,2\]/);
    assert.throws(() => parseRepresentation('same;flip-h=1,0', flip(), [null, 4, 3, null]), /needs a known channel count/);
  });
});
