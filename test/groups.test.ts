import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { EquiLensError } from '../src/core/errors';
import { GROUP_NAMES, makeGroup, sitePermutation, type Group } from '../src/core/groups';

before(async () => {
  await tf.setBackend('cpu');
});

/** Every group on a shape it accepts, with its expected number of elements. */
const CASES: { name: string; shape: number[]; size: number; closed: boolean }[] = [
  { name: 'flip-h', shape: [4, 5, 2], size: 2, closed: true },
  { name: 'flip-v', shape: [4, 5, 2], size: 2, closed: true },
  { name: 'c2', shape: [4, 5, 2], size: 2, closed: true },
  { name: 'c4', shape: [4, 4, 2], size: 4, closed: true },
  { name: 'd4', shape: [5, 5, 1], size: 8, closed: true },
  { name: 'translate', shape: [4, 3, 2], size: 12, closed: true },
  { name: 'translate', shape: [9, 9, 1], size: 16, closed: false },
  { name: 'shift', shape: [6, 3], size: 6, closed: true },
  { name: 'shift', shape: [40, 2], size: 16, closed: false },
  { name: 'reverse', shape: [6, 3], size: 2, closed: true },
  { name: 'permute', shape: [3, 2], size: 6, closed: true },
  { name: 'permute', shape: [5, 2], size: 8, closed: false },
];

function randomBatch(shape: number[], seed = 1): tf.Tensor {
  return tf.randomUniform([2, ...shape], -1, 1, 'float32', seed);
}

/** Runs f, reads its result and frees every tensor it made. */
function read(f: () => tf.Tensor): number[] {
  const t = tf.tidy(f);
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

function image(rows: number[][]): tf.Tensor {
  return tf.tensor4d(rows.flat(), [1, rows.length, rows[0]!.length, 1]);
}

describe('makeGroup: group laws', () => {
  for (const c of CASES) {
    describe(`${c.name} on [${c.shape.join(',')}]`, () => {
      const g = makeGroup(c.name, c.shape, { seed: 7 });
      let x: tf.Tensor;
      before(() => {
        x = randomBatch(c.shape);
      });
      after(() => x.dispose());

      it('has the expected elements, identity first and acting as identity', () => {
        assert.equal(g.elements.length, c.size);
        assert.equal(g.sampled, !c.closed);
        if (c.closed) assert.equal(g.fullOrder, c.size);
        else assert.ok(g.fullOrder > c.size);
        assert.equal(g.elements[0]!.name, 'e');
        assert.deepEqual(g.elements[0]!.word, []);
        assert.equal(new Set(g.elements.map((e) => e.name)).size, c.size, 'names are unique');
        assert.deepEqual(
          read(() => g.apply(0, x)),
          Array.from(x.dataSync()),
        );
      });

      it('words only use its generators', () => {
        for (const e of g.elements) for (const k of e.word) assert.ok(k >= 0 && k < g.generators.length);
      });

      it('composition: apply(i, apply(j, x)) = apply(multiply(i, j), x)', () => {
        for (let i = 0; i < c.size; i++) {
          for (let j = 0; j < c.size; j++) {
            const k = g.multiply(i, j);
            if (c.closed) assert.notEqual(k, null);
            if (k === null) continue;
            assert.deepEqual(
              read(() => g.apply(i, g.apply(j, x))),
              read(() => g.apply(k, x)),
              `${i}·${j}`,
            );
          }
        }
      });

      it('inverse: apply(inverse(i), apply(i, x)) = x', () => {
        for (let i = 0; i < c.size; i++) {
          const inv = g.inverse(i);
          if (c.closed) assert.notEqual(inv, null);
          if (inv === null) continue;
          assert.equal(g.multiply(inv, i), 0);
          assert.deepEqual(
            read(() => g.apply(inv, g.apply(i, x))),
            Array.from(x.dataSync()),
          );
        }
      });

      it('leaks no tensors', () => {
        const before = tf.memory().numTensors;
        for (let i = 0; i < c.size; i++) g.apply(i, x).dispose();
        assert.equal(tf.memory().numTensors, before);
      });
    });
  }
});

describe('rotations and flips on hand-made images', () => {
  const img = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ];

  it('rot90 matches np.rot90(img, 1, axes=(0, 1))', () => {
    const g = makeGroup('c4', [3, 3, 1], { seed: 0 });
    assert.deepEqual(
      g.elements.map((e) => e.name),
      ['e', 'rot90', 'rot180', 'rot270'],
    );
    assert.deepEqual(
      read(() => g.apply(1, image(img))),
      [3, 6, 9, 2, 5, 8, 1, 4, 7],
    );
    assert.deepEqual(
      read(() => g.apply(3, image(img))),
      [7, 4, 1, 8, 5, 2, 9, 6, 3],
    );
  });

  it('rot90 four times is the identity', () => {
    const g = makeGroup('c4', [3, 3, 1], { seed: 0 });
    const out = read(() => g.apply(1, g.apply(1, g.apply(1, g.apply(1, image(img))))));
    assert.deepEqual(out, img.flat());
  });

  it('flip-h, flip-v and c2 on a 2×3 image', () => {
    const x = () =>
      image([
        [1, 2, 3],
        [4, 5, 6],
      ]);
    assert.deepEqual(
      read(() => makeGroup('flip-h', [2, 3, 1], { seed: 0 }).apply(1, x())),
      [3, 2, 1, 6, 5, 4],
    );
    assert.deepEqual(
      read(() => makeGroup('flip-v', [2, 3, 1], { seed: 0 }).apply(1, x())),
      [4, 5, 6, 1, 2, 3],
    );
    assert.deepEqual(
      read(() => makeGroup('c2', [2, 3, 1], { seed: 0 }).apply(1, x())),
      [6, 5, 4, 3, 2, 1],
    );
  });

  it('channels move together', () => {
    const g = makeGroup('flip-h', [1, 2, 2], { seed: 0 });
    assert.deepEqual(
      read(() => g.apply(1, tf.tensor4d([1, 10, 2, 20], [1, 1, 2, 2]))),
      [2, 20, 1, 10],
    );
  });

  it('d4 satisfies flip·rot90·flip = rot270 and names its products', () => {
    const g = makeGroup('d4', [3, 3, 1], { seed: 0 });
    const idx = (n: string) => g.elements.findIndex((e) => e.name === n);
    assert.deepEqual(g.generators, ['rot90', 'flip-h']);
    assert.equal(g.multiply(idx('rot90'), idx('flip-h')), idx('rot90·flip-h'));
    assert.equal(g.multiply(g.multiply(idx('flip-h'), idx('rot90'))!, idx('flip-h')), idx('rot270'));
    assert.deepEqual(g.elements[idx('rot90·flip-h')]!.word, [0, 1]);
    // rot90·flip-h: flip first, then rotate; on img that is the transpose.
    assert.deepEqual(
      read(() => g.apply(idx('rot90·flip-h'), image(img))),
      [1, 4, 7, 2, 5, 8, 3, 6, 9],
    );
  });

  it('c4 moves a 7×7 output map of a 28×28 input, refuses a 7×5 one', () => {
    const g = makeGroup('c4', [28, 28, 1], { seed: 0 });
    const map = tf.tensor4d(
      Array.from({ length: 49 }, (_, k) => k),
      [1, 7, 7, 1],
    );
    const out = read(() => g.apply(1, map));
    assert.equal(out[0], 6); // out[0][0] = in[0][W−1]
    map.dispose();
    const odd = tf.zeros([1, 7, 5, 1]);
    assert.throws(() => g.apply(1, odd), { name: 'EquiLensError', message: "group 'c4' needs square maps, got 7×5" });
    odd.dispose();
  });
});

describe('translations', () => {
  const names = (g: Group) => g.elements.map((e) => e.name);

  it('is the full group up to 64 sites, a sample beyond', () => {
    const full = makeGroup('translate', [8, 8, 3], { seed: 1 });
    assert.equal(full.elements.length, 64);
    assert.equal(full.sampled, false);
    const big = makeGroup('translate', [28, 28, 1], { seed: 1 });
    assert.equal(big.elements.length, 16);
    assert.equal(big.fullOrder, 784);
    assert.equal(big.sampled, true);
    assert.equal(makeGroup('translate', [28, 28, 1], { seed: 1, maxElements: 5 }).elements.length, 5);
    assert.equal(makeGroup('translate', [10, 10, 1], { seed: 1, maxElements: 100 }).sampled, false);
  });

  it('same seed gives the same sample, another seed another', () => {
    const a = names(makeGroup('translate', [28, 28, 1], { seed: 3 }));
    assert.deepEqual(names(makeGroup('translate', [28, 28, 1], { seed: 3 })), a);
    assert.notDeepEqual(names(makeGroup('translate', [28, 28, 1], { seed: 4 })), a);
    assert.equal(a[0], 'e');
    for (const n of a.slice(1)) assert.match(n, /^shift\(-?\d+,-?\d+\)$/);
  });

  it('shift(dy,dx) rolls content down and right like np.roll; names are signed', () => {
    const g = makeGroup('translate', [3, 3, 1], { seed: 0 });
    const k = names(g).indexOf('shift(1,-1)');
    assert.ok(k > 0);
    // np.roll(img, (1, -1), axis=(0, 1))
    assert.deepEqual(
      read(() =>
        g.apply(
          k,
          image([
            [1, 2, 3],
            [4, 5, 6],
            [7, 8, 9],
          ]),
        ),
      ),
      [8, 9, 7, 2, 3, 1, 5, 6, 4],
    );
  });

  it('sampled products outside the sample are null', () => {
    const g = makeGroup('translate', [28, 28, 1], { seed: 1, maxElements: 4 });
    let nulls = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (g.multiply(i, j) === null) nulls++;
    assert.ok(nulls > 0);
    assert.equal(g.multiply(0, 2), 2);
  });

  it('scales shifts onto smaller maps when they land on whole sites', () => {
    const g = makeGroup('translate', [8, 8, 1], { seed: 0 });
    const k2 = names(g).indexOf('shift(2,0)');
    const k1 = names(g).indexOf('shift(1,0)');
    const small = makeGroup('translate', [4, 4, 1], { seed: 0 });
    assert.deepEqual(sitePermutation(g, k2, [4, 4]), sitePermutation(small, names(small).indexOf('shift(1,0)'), [4, 4]));
    assert.throws(() => sitePermutation(g, k1, [4, 4]), /shift\(1,0\) does not scale from 8×8 to 4×4 sites/);
  });

  it('1-d shift: full up to 32, sampled beyond', () => {
    assert.equal(makeGroup('shift', [32, 1], { seed: 0 }).elements.length, 32);
    const s = makeGroup('shift', [100, 4], { seed: 0, maxElements: 10 });
    assert.equal(s.elements.length, 10);
    assert.deepEqual(s.generators, ['shift']);
    const r = makeGroup('shift', [4, 1], { seed: 0 });
    assert.deepEqual(
      read(() => r.apply(names(r).indexOf('shift(1)'), tf.tensor3d([1, 2, 3, 4], [1, 4, 1]))),
      [4, 1, 2, 3],
    );
  });
});

describe('sequences and sets', () => {
  it('reverse reverses any length', () => {
    const g = makeGroup('reverse', [4, 1], { seed: 0 });
    assert.deepEqual(
      read(() => g.apply(1, tf.tensor3d([1, 2, 3, 4, 5, 6], [1, 3, 2]))),
      [5, 6, 3, 4, 1, 2],
    );
  });

  it('permute: seeded, identity first, moves whole points', () => {
    const g = makeGroup('permute', [6, 2], { seed: 5 });
    assert.deepEqual(
      g.elements.map((e) => e.name),
      makeGroup('permute', [6, 2], { seed: 5 }).elements.map((e) => e.name),
    );
    assert.equal(g.fullOrder, 720);
    assert.equal(g.generators.length, 7);
    const p = sitePermutation(g, 3, [6]);
    const x = tf.tensor3d(
      Array.from({ length: 12 }, (_, k) => k),
      [1, 6, 2],
    );
    const expected = Array.from(p).flatMap((src) => [2 * src, 2 * src + 1]);
    assert.deepEqual(
      read(() => g.apply(3, x)),
      expected,
    );
    x.dispose();
    assert.throws(() => sitePermutation(g, 1, [5]), { name: 'EquiLensError', message: "group 'permute' acts on 6 points, got 5" });
  });

  it('sitePermutation returns a fresh copy', () => {
    const g = makeGroup('c4', [3, 3, 1], { seed: 0 });
    const p = sitePermutation(g, 1, [3, 3]);
    p.fill(0);
    assert.deepEqual(Array.from(sitePermutation(g, 1, [3, 3])), [2, 5, 8, 1, 4, 7, 0, 3, 6]);
  });
});

describe('makeGroup: errors', () => {
  it('refuses non-square images for c4 and d4', () => {
    assert.throws(() => makeGroup('c4', [28, 32, 1], { seed: 0 }), { name: 'EquiLensError', message: "group 'c4' needs square images, got 28×32" });
    assert.throws(() => makeGroup('d4', [3, 4, 1], { seed: 0 }), EquiLensError);
    assert.doesNotThrow(() => makeGroup('flip-h', [3, 4, 1], { seed: 0 }));
  });

  it('refuses the wrong rank', () => {
    assert.throws(() => makeGroup('c4', [28, 28], { seed: 0 }), { message: "group 'c4' needs image inputs [H, W, C], got [28, 28]" });
    assert.throws(() => makeGroup('shift', [28, 28, 1], { seed: 0 }), /needs sequence inputs \[W, C\]/);
    assert.throws(() => makeGroup('permute', [5], { seed: 0 }), /needs set inputs \[P, F\]/);
  });

  it('lists the valid names for an unknown one', () => {
    assert.throws(
      () => makeGroup('c8', [4, 4, 1], { seed: 0 }),
      (e: unknown) => {
        assert.ok(e instanceof EquiLensError);
        assert.equal(e.file, undefined);
        for (const n of GROUP_NAMES) assert.ok(e.message.includes(n));
        return true;
      },
    );
  });

  it('refuses batches of the wrong rank and a bad maxElements', () => {
    const g = makeGroup('c4', [4, 4, 1], { seed: 0 });
    const flat = tf.zeros([2, 16]);
    assert.throws(() => g.apply(1, flat), /acts on \[B,H,W,C\] batches, got shape \[2,16\]/);
    flat.dispose();
    assert.throws(() => makeGroup('translate', [28, 28, 1], { seed: 0, maxElements: 0 }), EquiLensError);
  });
});
