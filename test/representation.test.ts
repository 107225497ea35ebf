import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { EquiLensError } from '../src/core/errors';
import { makeGroup, parseRepresentation } from '../src/core/groups';

before(async () => {
  await tf.setBackend('cpu');
});

/** Runs f, reads its result and frees every tensor it made. */
function read(f: () => tf.Tensor): number[] {
  const t = tf.tidy(f);
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
}

const c4 = () => makeGroup('c4', [28, 28, 1], { seed: 0 });

describe('invariant and same', () => {
  it('invariant leaves outputs as they are, in a new tensor', () => {
    const rep = parseRepresentation(' invariant ', c4(), [null, 10]);
    assert.equal(rep.kind, 'invariant');
    const y = tf.tensor2d([[1, 2, 3]]);
    const out = rep.apply(2, y);
    assert.notEqual(out, y);
    assert.deepEqual(Array.from(out.dataSync()), [1, 2, 3]);
    tf.dispose([y, out]);
  });

  it("'same' moves a smaller output map like the input", () => {
    const g = c4();
    const rep = parseRepresentation('same', g, [null, 7, 7, 3]);
    assert.equal(rep.kind, 'same');
    const y = tf.randomNormal([2, 7, 7, 3], 0, 1, 'float32', 3);
    for (let i = 0; i < 4; i++)
      assert.deepEqual(
        read(() => rep.apply(i, y)),
        read(() => g.apply(i, y)),
      );
    // rot90 on the map: out[0][0] = in[0][6].
    assert.deepEqual(
      read(() => tf.slice(rep.apply(1, y), [0, 0, 0, 0], [1, 1, 1, 3])),
      read(() => tf.slice(y, [0, 0, 6, 0], [1, 1, 1, 3])),
    );
    y.dispose();
  });

  it("'same' refuses outputs of the wrong rank or a grid the group cannot act on", () => {
    assert.throws(() => parseRepresentation('same', c4(), [null, 10]), {
      name: 'EquiLensError',
      message: "representation 'same' for group 'c4' needs outputs shaped [B,h,w,C], got [?,10]",
    });
    assert.throws(() => parseRepresentation('same', c4(), [null, 7, 5, 3]), /needs square maps, got 7×5/);
    const tr = makeGroup('translate', [8, 8, 1], { seed: 0 });
    assert.throws(() => parseRepresentation('same', tr, [null, 4, 4, 2]), /does not scale from 8×8 to 4×4/);
    assert.doesNotThrow(() => parseRepresentation('same', c4(), [null, null, null, 3]));
  });

  it('refuses an unknown spec', () => {
    assert.throws(() => parseRepresentation('equivariant', c4(), [null, 10]), /unknown representation 'equivariant'; valid: invariant, same, classes:/);
  });
});

describe('class permutations', () => {
  it('moves class c to π(c)', () => {
    const rep = parseRepresentation('classes:flip-h=1,0,2', makeGroup('flip-h', [4, 4, 1], { seed: 0 }), [null, 3]);
    assert.equal(rep.kind, 'classes');
    assert.equal(rep.description, 'classes (flip-h: 1,0,2)');
    const y = tf.tensor2d([[10, 20, 30]]);
    assert.deepEqual(
      read(() => rep.apply(1, y)),
      [20, 10, 30],
    );
    assert.deepEqual(
      read(() => rep.apply(0, y)),
      [10, 20, 30],
    );
    y.dispose();
  });

  it('composes along words: rot180 = π∘π', () => {
    const rep = parseRepresentation('classes:rot90=1,2,3,0', c4(), [null, 4]);
    const y = tf.tensor2d([[10, 20, 30, 40]]);
    // π = c+1: class 0's score goes to 1, … ; π² = c+2.
    assert.deepEqual(
      read(() => rep.apply(1, y)),
      [40, 10, 20, 30],
    );
    assert.deepEqual(
      read(() => rep.apply(2, y)),
      [30, 40, 10, 20],
    );
    assert.deepEqual(
      read(() => rep.apply(3, y)),
      [20, 30, 40, 10],
    );
    y.dispose();
  });

  it('accepts a consistent d4 representation, unlisted generators act as identity', () => {
    const d4 = makeGroup('d4', [5, 5, 1], { seed: 0 });
    assert.doesNotThrow(() => parseRepresentation('classes:rot90=1,2,3,0;flip-h=0,3,2,1', d4, [null, 4]));
    const rep = parseRepresentation('classes:flip-h=1,0', d4, [null, 2]);
    const y = tf.tensor2d([[1, 2]]);
    assert.deepEqual(
      read(() => rep.apply(1, y)),
      [1, 2],
    ); // rot90
    assert.deepEqual(
      read(() => rep.apply(5, y)),
      [2, 1],
    ); // rot90·flip-h
    y.dispose();
  });

  it('refuses malformed specs with one clear line', () => {
    const g = c4();
    const bad: [string, RegExp][] = [
      ['classes:rot90=1,1,2,0', /'rot90=1,1,2,0' is not a permutation of 0…3/],
      ['classes:rot90=1,2,0', /not a permutation of 0…3 \(4 classes\)/],
      ['classes:rot90=1,2,x,0', /not a permutation/],
      ['classes:flip-h=1,0,2,3', /generator of 'c4' \(rot90\)/],
      ['classes:rot90', /must be <generator>=<permutation>/],
      ['classes:rot90=1,2,3,0;rot90=1,2,3,0', /given twice/],
      ['classes:', /no permutations given/],
    ];
    for (const [spec, msg] of bad)
      assert.throws(
        () => parseRepresentation(spec, g, [null, 4]),
        (e: unknown) => e instanceof EquiLensError && msg.test(e.message),
        spec,
      );
    assert.throws(() => parseRepresentation('classes:rot90=1,0', g, [null, null]), /needs a known class axis/);
  });

  it('refuses permutations that are not a homomorphism, naming the pair', () => {
    // An order-3 cycle cannot represent rot90, whose fourth power is e.
    assert.throws(() => parseRepresentation('classes:rot90=1,2,0', c4(), [null, 3]), {
      name: 'EquiLensError',
      message: "classes: permutations do not respect group 'c4': π(rot90)∘π(rot270) should equal π(e)",
    });
    const d4 = makeGroup('d4', [3, 3, 1], { seed: 0 });
    assert.throws(() => parseRepresentation('classes:rot90=1,2,3,0;flip-h=1,0,2,3', d4, [null, 4]), /do not respect group 'd4': π\(.+\)∘π\(.+\) should equal π\(.+\)/);
  });

  it('checks the class count and leaks no tensors', () => {
    const rep = parseRepresentation('classes:rot90=1,2,3,0', c4(), [null, 4]);
    const y = tf.randomNormal([5, 4]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) rep.apply(i, y).dispose();
    assert.equal(tf.memory().numTensors, before);
    const wrong = tf.zeros([1, 3]);
    assert.throws(() => rep.apply(1, wrong), /expects 4 classes, got shape \[1,3\]/);
    tf.dispose([y, wrong]);
  });
});
