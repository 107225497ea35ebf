import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { functionMetrics, meanOrbit, median, OrbitSum, relErrorPerElement } from '../src/core/stats';
import type { Orbit } from '../src/core/stats';

/** An orbit from plain arrays laid out [b][g][d]. */
function orbit(B: number, m: number, D: number, moved: number[], expected: number[]): Orbit {
  return { dims: { B, m, D }, moved: Float32Array.from(moved), expected: Float32Array.from(expected) };
}

function close(actual: number | null, expected: number, eps = 1e-6): void {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  assert.ok(Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `expected ${expected}, got ${actual}`);
}

test('regression orbit: relError and absError by hand, no class metrics', () => {
  // B=1, m=2, D=2. g1: moved (3,1), expected (2,1) → δ = (1,0).
  const o = orbit(1, 2, 2, [1, 2, 3, 1], [1, 2, 2, 1]);
  const r = functionMetrics(o, 'regression');
  close(r.relError, Math.sqrt(1 / (4 + 1)));
  close(r.absError, Math.sqrt(1 / 2));
  assert.equal(r.osp, null);
  assert.equal(r.agreement, null);
  assert.equal(r.div, null);
});

test('logits orbit: OSP, agreement, relError, absError and DIV by hand', () => {
  // B=2, m=3, D=3; only (b0, g2) changes the class (expected class 2, moved class 0).
  const moved = [2, 0, 0, 0, 2, 0, 1, 0, 0, /* b1 */ 0, 0, 1, 1, 0, 0, 0, 0, 1];
  const expected = [2, 0, 0, 0, 2, 0, 0, 0, 2, /* b1 */ 0, 0, 1, 1, 0, 0, 0, 0, 1];
  const r = functionMetrics(orbit(2, 3, 3, moved, expected), 'logits');
  close(r.osp, (3 - 1 + 3) / 2); // b0 keeps 2 of 3, b1 all 3
  close(r.agreement, (2.5 - 1) / (3 - 1));
  // Non-identity: δ(b0,g2) = (1,0,−2) → 5; Σ‖expected‖² = 4 + 4 + 1 + 1 = 10; 12 entries.
  close(r.relError, Math.sqrt(5 / 10));
  close(r.absError, Math.sqrt(5 / 12));
  // p = softmax(0,0,2), q = softmax(1,0,0); every other row has p = q.
  const e = Math.E;
  const zp = 2 + e * e;
  const zq = e + 2;
  const p = [1 / zp, 1 / zp, (e * e) / zp];
  const q = [e / zq, 1 / zq, 1 / zq];
  const logP = [-Math.log(zp), -Math.log(zp), 2 - Math.log(zp)];
  const logQ = [1 - Math.log(zq), -Math.log(zq), -Math.log(zq)];
  let skl = 0;
  for (let c = 0; c < 3; c++) skl += (p[c]! - q[c]!) * (logP[c]! - logQ[c]!);
  close(r.div, skl / (2 * 3));
});

test('probabilities orbit: a zero probability is clamped at 1e-12', () => {
  // g1: expected (1, 0) class 0, moved (0.25, 0.75) class 1.
  const r = functionMetrics(orbit(1, 2, 2, [0.5, 0.5, 0.25, 0.75], [0.5, 0.5, 1, 0]), 'probabilities');
  close(r.osp, 1);
  close(r.agreement, 0);
  close(r.relError, Math.sqrt((0.75 * 0.75 * 2) / 1));
  close(r.absError, Math.sqrt(1.125 / 2));
  const skl = (1 - 0.25) * (Math.log(1) - Math.log(0.25)) + (1e-12 - 0.75) * (Math.log(1e-12) - Math.log(0.75));
  close(r.div, skl / 2);
});

test('binary orbit: class is p > 0.5, distribution Bernoulli(p)', () => {
  // b0: f(x)=0.8, f(gx)=0.3 (class flips); b1: f(x)=0.2, f(gx)=0.4 (class kept).
  const r = functionMetrics(orbit(2, 2, 1, [0.8, 0.3, 0.2, 0.4], [0.8, 0.8, 0.2, 0.2]), 'binary');
  close(r.osp, (1 + 0 + 1 + 1) / 2);
  close(r.agreement, 0.5);
  close(r.relError, Math.sqrt((0.25 + 0.04) / (0.64 + 0.04)));
  close(r.absError, Math.sqrt(0.29 / 2));
  const b0 = (0.2 - 0.7) * (Math.log(0.2) - Math.log(0.7)) + (0.8 - 0.3) * (Math.log(0.8) - Math.log(0.3));
  const b1 = (0.8 - 0.6) * (Math.log(0.8) - Math.log(0.6)) + (0.2 - 0.4) * (Math.log(0.2) - Math.log(0.4));
  close(r.div, (b0 + b1) / (2 * 2), 1e-5);
});

test('binary: exactly 0.5 is class 0', () => {
  const r = functionMetrics(orbit(1, 2, 1, [0.6, 0.5], [0.6, 0.6]), 'binary');
  close(r.osp, 1);
});

test('exactly equivariant classifier: OSP = m, agreement 1, DIV 0, relError 0', () => {
  const o = orbit(1, 4, 2, [1, -1, -1, 1, 1, -1, -1, 1], [1, -1, -1, 1, 1, -1, -1, 1]);
  const r = functionMetrics(o, 'logits');
  assert.deepEqual(r, { relError: 0, absError: 0, osp: 4, agreement: 1, div: 0 });
});

test('degenerate orbits: zero outputs give relError null; m = 1 gives agreement null', () => {
  assert.equal(functionMetrics(orbit(1, 2, 2, [0, 0, 0, 0], [0, 0, 0, 0]), 'regression').relError, null);
  const single = functionMetrics(orbit(1, 1, 2, [1, 0], [1, 0]), 'logits');
  assert.equal(single.relError, null);
  assert.equal(single.absError, 0);
  assert.equal(single.osp, 1);
  assert.equal(single.agreement, null);
});

test('bad shapes are EquiLensErrors', () => {
  assert.throws(() => functionMetrics(orbit(1, 2, 2, [1, 2, 3], [1, 2, 3, 4]), 'regression'), EquiLensError);
  assert.throws(() => functionMetrics(orbit(1, 2, 2, [1, 2, 3, 4], [1, 2, 3, 4]), 'binary'), /binary needs 1 output/);
  assert.throws(() => functionMetrics(orbit(1, 2, 1, [1, 2], [1, 2]), 'logits'), /at least 2 classes/);
  assert.throws(() => meanOrbit([orbit(1, 2, 1, [1, 2], [1, 2]), orbit(2, 1, 1, [1, 2], [1, 2])]), /expected B=1 m=2 D=1/);
});

test('meanOrbit averages members; OrbitSum weights count as copies', () => {
  const a = orbit(1, 2, 1, [1, 3], [1, 2]);
  const b = orbit(1, 2, 1, [3, 1], [3, 4]);
  const mean = meanOrbit([a, b]);
  assert.deepEqual(Array.from(mean.moved), [2, 2]);
  assert.deepEqual(Array.from(mean.expected), [2, 3]);
  const sum = new OrbitSum(a.dims);
  sum.add(a, 3);
  sum.add(b);
  assert.equal(sum.count, 4);
  assert.deepEqual(sum.mean(), meanOrbit([a, a, a, b]));
  sum.reset();
  assert.throws(() => sum.mean(), /empty ensemble/);
});

test('ensemble of d and −d members is exactly equivariant though each member is not', () => {
  const e = [1, 2, 3, 2, 1, 3];
  const d = [0.5, -0.25, 0.75];
  const plus = orbit(1, 2, 3, [...e.slice(0, 3), ...e.slice(3).map((v, i) => v + d[i]!)], e);
  const minus = orbit(1, 2, 3, [...e.slice(0, 3), ...e.slice(3).map((v, i) => v - d[i]!)], e);
  assert.ok(functionMetrics(plus, 'regression').relError! > 0.1);
  assert.ok(functionMetrics(minus, 'regression').relError! > 0.1);
  assert.ok(functionMetrics(meanOrbit([plus, minus]), 'regression').relError! < 1e-6);
});

test('relErrorPerElement splits relError by group element; median skips nulls', () => {
  // m=3: g1 moved off by (1,0) on expected (2,0); g2 exact on expected (0,3).
  const per = relErrorPerElement(orbit(1, 3, 2, [1, 1, 3, 0, 0, 3], [1, 1, 2, 0, 0, 3]));
  assert.deepEqual(per, [0, Math.sqrt(1 / 4), 0]);
  assert.equal(relErrorPerElement(orbit(1, 2, 1, [0, 1], [0, 0]))[1], null);
  assert.equal(median([3, null, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(median([null]), null);
});
