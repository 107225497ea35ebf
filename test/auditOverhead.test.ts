// Issue 14.3, audit overhead: the shortcuts outside predict give bit-for-bit the numbers of the
// plain computations they replace (reports must not change): orbit inputs gathered in JavaScript
// equal group.apply's, DIV with each distribution computed once per distinct row equals the
// row-by-row sum, and the curve's OSP/DIV computed once per distinct resample equal a resample-by-
// resample computation.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { orbitInputs } from '../src/core/audit/orbitInputs';
import { makeGroup } from '../src/core/groups';
import { Rng } from '../src/core/rng';
import { syntheticProbes } from '../src/core/probes/syntheticProbes';
import { orbitDivergence } from '../src/core/stats/classMetrics';
import { symmetricKl, toDistribution, type ClassKind } from '../src/core/stats/distributions';
import { curveSizes, ensembleCurve } from '../src/core/stats/ensembleCurve';
import { fitErrorModel } from '../src/core/stats/errorModel';
import { functionMetrics } from '../src/core/stats/functionMetrics';
import { drawSample, wholeEnsemble } from '../src/core/stats/memberSample';
import { orbitGrams } from '../src/core/stats/orbitGrams';
import { OrbitSum } from '../src/core/stats/orbitSum';
import { sampleMoments } from '../src/core/stats/sampleMoments';
import type { Orbit } from '../src/core/stats/types';

before(async () => {
  await tf.setBackend('cpu');
});

test("orbit inputs gathered on the probes' array equal group.apply (tf.gather) for every element, in every layout", () => {
  const cases: [string, number[], 'image' | 'sequence' | 'set'][] = [
    ['c4', [6, 6, 3], 'image'],
    ['d4', [5, 5, 2], 'image'],
    ['flip-h', [4, 7, 1], 'image'],
    ['translate', [6, 4, 2], 'image'],
    ['shift', [9, 3], 'sequence'],
    ['reverse', [8, 2], 'sequence'],
    ['permute', [7, 4], 'set'],
  ];
  for (const [name, sampleShape, layout] of cases) {
    const probes = syntheticProbes({ count: 3, seed: 5, sampleShape, layout });
    const group = makeGroup(name, sampleShape, { seed: 1 });
    const got = orbitInputs(group, probes);
    const x = tf.tensor(probes.data, probes.shape, 'float32');
    group.elements.forEach((_, i) => {
      const want = i === 0 ? x.clone() : group.apply(i, x);
      assert.deepEqual(got[i]!.shape, want.shape, `${name} element ${i}`);
      assert.deepEqual(got[i]!.dataSync(), want.dataSync(), `${name} element ${i}`);
      want.dispose();
    });
    tf.dispose([x, ...got]);
  }
});

/** DIV as one plain pass: both distributions of every row, their symmetrised KL, summed. */
function plainDiv(o: Orbit, kind: ClassKind): number {
  const { B, m, D } = o.dims;
  const C = kind === 'binary' ? 2 : D;
  const p = new Float64Array(C);
  const q = new Float64Array(C);
  let total = 0;
  for (let row = 0; row < B * m; row++) {
    toDistribution(o.expected, row * D, D, kind, p);
    toDistribution(o.moved, row * D, D, kind, q);
    total += symmetricKl(p, q, C);
  }
  return total / (B * m);
}

/** An invariant classifier's orbit: expected[b,g] = f(x_b) for every g, moved[b,0] = f(x_b). */
function invariantOrbit(rng: Rng, B: number, m: number, D: number, scale: number): Orbit {
  const moved = new Float32Array(B * m * D);
  const expected = new Float32Array(B * m * D);
  for (let b = 0; b < B; b++) {
    const f = Float32Array.from({ length: D }, () => scale * rng.gaussian());
    for (let g = 0; g < m; g++) {
      expected.set(f, (b * m + g) * D);
      moved.set(g === 0 ? f : f.map((v) => v + 0.3 * rng.gaussian()), (b * m + g) * D);
    }
  }
  return { dims: { B, m, D }, moved, expected };
}

test('DIV computed once per distinct row equals the row-by-row sum exactly (logits, probabilities, binary, arbitrary rows)', () => {
  const rng = new Rng(11);
  const logits = invariantOrbit(rng, 5, 4, 7, 3);
  assert.equal(orbitDivergence(logits, 'logits'), plainDiv(logits, 'logits'));
  assert.ok(plainDiv(logits, 'logits') > 0);
  const softmax = (o: Orbit): Orbit => {
    const f = (a: Float32Array) => {
      const out = new Float32Array(a.length);
      for (let r = 0; r < a.length / 7; r++) {
        const row = a.subarray(r * 7, r * 7 + 7);
        const s = row.reduce((t, v) => t + Math.exp(v), 0);
        row.forEach((v, c) => (out[r * 7 + c] = Math.exp(v) / s));
      }
      return out;
    };
    return { dims: o.dims, moved: f(o.moved), expected: f(o.expected) };
  };
  const probs = softmax(logits);
  assert.equal(orbitDivergence(probs, 'probabilities'), plainDiv(probs, 'probabilities'));
  const binary: Orbit = {
    dims: { B: 6, m: 2, D: 1 },
    moved: Float32Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 0.5 : rng.next())),
    expected: Float32Array.from({ length: 12 }, () => rng.next()),
  };
  binary.moved[0] = binary.expected[0]!;
  assert.equal(orbitDivergence(binary, 'binary'), plainDiv(binary, 'binary'));
  // Rows that repeat nowhere (equivariant outputs): nothing is shared, the sum is the same.
  const any: Orbit = { dims: { B: 3, m: 3, D: 5 }, moved: Float32Array.from({ length: 45 }, () => rng.gaussian()), expected: Float32Array.from({ length: 45 }, () => rng.gaussian()) };
  assert.equal(orbitDivergence(any, 'logits'), plainDiv(any, 'logits'));
});

test("the curve's OSP and DIV, computed once per distinct resample, equal a resample-by-resample computation exactly", () => {
  const rng = new Rng(3);
  for (const N of [2, 3, 6]) {
    const members = Array.from({ length: N }, () => invariantOrbit(rng, 4, 4, 5, 2));
    const grams = orbitGrams(members);
    const model = fitErrorModel(sampleMoments(grams, wholeEnsemble(N)));
    const curve = ensembleCurve(members, 'logits', grams, model, 30, new Rng(9));
    // The same draws, every one summed and measured.
    const again = new Rng(9);
    const sum = new OrbitSum(members[0]!.dims);
    const sizes = curveSizes(N);
    assert.deepEqual(
      curve.map((p) => p.k),
      sizes,
    );
    for (const [at, k] of sizes.entries()) {
      let osp = 0;
      let div = 0;
      for (let t = 0; t < 30; t++) {
        const s = drawSample(again, N, k);
        sum.reset();
        for (let a = 0; a < s.idx.length; a++) sum.add(members[s.idx[a]!]!, s.cnt[a]);
        const fm = functionMetrics(sum.mean(), 'logits');
        osp += fm.osp!;
        div += fm.div!;
      }
      // k = N is the ensemble itself (its own metrics), not the resamples' mean.
      if (k === N) continue;
      assert.equal(curve[at]!.osp, osp / 30, `N ${N}, k ${k}`);
      assert.equal(curve[at]!.div, div / 30, `N ${N}, k ${k}`);
    }
  }
});
