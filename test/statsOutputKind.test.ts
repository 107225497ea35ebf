import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectOutputKind } from '../src/core/stats';

const rows = (...r: number[][]) => ({ identityOutputs: Float32Array.from(r.flat()), B: r.length, D: r[0]!.length });

test('softmax as final activation → probabilities', () => {
  const k = detectOutputKind({ ...rows([2, -1, 0.5]), outputRank: 2, finalActivation: 'softmax' });
  assert.deepEqual(k, { kind: 'probabilities', reason: 'final layer activation softmax' });
});

test('rows in [0, 1] summing to 1 (within 1e-3) → probabilities without an activation', () => {
  assert.equal(detectOutputKind({ ...rows([0.2, 0.8], [0.5, 0.5004]), outputRank: 2, finalActivation: null }).kind, 'probabilities');
  assert.equal(detectOutputKind({ ...rows([0.2, 0.8], [0.5, 0.51]), outputRank: 2, finalActivation: null }).kind, 'logits');
});

test('unbounded class scores → logits; sigmoid on several units reads as scores too', () => {
  const k = detectOutputKind({ ...rows([2, -1, 0.5], [0, 0, 0]), outputRank: 2, finalActivation: null });
  assert.equal(k.kind, 'logits');
  assert.match(k.reason, /3 outputs per probe with no softmax/);
  const multi = detectOutputKind({ ...rows([0.9, 0.8], [0.1, 0.3]), outputRank: 2, finalActivation: 'sigmoid' });
  assert.equal(multi.kind, 'logits');
  assert.match(multi.reason, /sigmoid on 2 units/);
});

test('one unit: sigmoid or values in [0, 1] → binary, unbounded → regression', () => {
  assert.equal(detectOutputKind({ ...rows([3], [-2]), outputRank: 2, finalActivation: 'sigmoid' }).kind, 'binary');
  assert.equal(detectOutputKind({ ...rows([0.3], [1]), outputRank: 1, finalActivation: null }).kind, 'binary');
  const r = detectOutputKind({ ...rows([0.3], [1.7]), outputRank: 2, finalActivation: null });
  assert.deepEqual(r, { kind: 'regression', reason: 'single unbounded output unit: compared as regression' });
});

test('maps (rank > 2) → regression whatever the activation', () => {
  const k = detectOutputKind({ ...rows([0.5, 0.5]), outputRank: 4, finalActivation: 'softmax' });
  assert.equal(k.kind, 'regression');
  assert.match(k.reason, /rank 4/);
});
