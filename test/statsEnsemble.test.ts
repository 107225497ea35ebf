import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../src/core/rng';
import { curveSizes, ensembleStats, functionMetrics, meanOrbit } from '../src/core/stats';
import type { Orbit } from '../src/core/stats';

/** A member with B=1, m=2: identity row and ρ_out-row both `e`, moved row e + d. */
function member(e: ArrayLike<number>, d: ArrayLike<number>): Orbit {
  const D = e.length;
  const moved = new Float32Array(2 * D);
  const expected = new Float32Array(2 * D);
  for (let j = 0; j < D; j++) {
    moved[j] = expected[j] = expected[D + j] = e[j]!;
    moved[D + j] = e[j]! + d[j]!;
  }
  return { dims: { B: 1, m: 2, D }, moved, expected };
}

function close(actual: number | null, expected: number, eps = 1e-6): void {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  assert.ok(Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `expected ${expected}, got ${actual}`);
}

const ones = (n: number) => new Array<number>(n).fill(1);

test('three members by hand: ‖d̄‖², s², Z, floor, floorAbs, model curve', () => {
  const members = [member([1, 0], [0.5, 0]), member([1, 1], [0.25, -0.5]), member([2, 0], [0.75, 0.5])];
  const s = ensembleStats(members, 'regression', { seed: 1 });
  // d̄ = (0.5, 0); Σ‖d_i − d̄‖² = 0 + 0.3125 + 0.3125; ē = (4/3, 1/3).
  const devSq = 0.25;
  const s2 = (0.3125 + 0.3125) / 2;
  const Z = 16 / 9 + 1 / 9;
  const bias2 = devSq - s2 / 3;
  close(s.model.s2, s2);
  close(s.model.Z, Z);
  close(s.model.bias2, bias2);
  close(s.floor, Math.sqrt(bias2 / Z));
  close(s.floorAbs, Math.sqrt(bias2 / 1));
  assert.equal(s.meanNearZero, false);
  assert.deepEqual(s.membersNeeded, { '0.01': null, '0.05': null });
  assert.deepEqual(
    s.curve.map((p) => p.k),
    [1, 2, 3],
  );
  close(s.curve[0]!.modelRelError, Math.sqrt((bias2 + s2) / Z));
  close(s.curve[2]!.modelRelError, Math.sqrt((bias2 + s2 / 3) / Z));
  const [lo, hi] = s.floorCI!;
  assert.ok(lo <= hi && lo >= 0);
  // k = 1 resamples are single members: their mean relError lies among the members'.
  const own = members.map((o) => functionMetrics(o, 'regression').relError!);
  assert.ok(s.curve[0]!.relError >= Math.min(...own) - 1e-12 && s.curve[0]!.relError <= Math.max(...own) + 1e-12);
});

test('Gram-based moments match a direct computation across several chunks', () => {
  // L = B·(m−1)·D = 9000 non-identity entries, more than one Gram chunk.
  const rng = new Rng(7);
  const B = 20;
  const m = 4;
  const D = 150;
  const N = 7; // odd and ≥ 6: exercises the blocked Gram kernel and its tail rows
  const members: Orbit[] = [];
  for (let i = 0; i < N; i++) {
    const moved = new Float32Array(B * m * D);
    const expected = new Float32Array(B * m * D);
    for (let t = 0; t < moved.length; t++) {
      expected[t] = 1 + rng.gaussian();
      moved[t] = expected[t]! + 0.3 * rng.gaussian() + 0.1;
    }
    members.push({ dims: { B, m, D }, moved, expected });
  }
  const mean = meanOrbit(members);
  let devSq = 0;
  let Z = 0;
  let spread = 0;
  for (let b = 0; b < B; b++) {
    for (let g = 1; g < m; g++) {
      for (let d = 0; d < D; d++) {
        const t = (b * m + g) * D + d;
        let dbar = 0;
        let ebar = 0;
        for (const o of members) {
          dbar += (o.moved[t]! - o.expected[t]!) / N;
          ebar += o.expected[t]! / N;
        }
        devSq += dbar * dbar;
        Z += ebar * ebar;
        for (const o of members) spread += (o.moved[t]! - o.expected[t]! - dbar) ** 2;
      }
    }
  }
  const s = ensembleStats(members, 'regression', { seed: 3 });
  close(s.model.s2, spread / (N - 1), 1e-9);
  close(s.model.Z, Z, 1e-9);
  close(s.model.bias2, devSq - spread / (N - 1) / N, 1e-9);
  // The ensemble's relError from its averaged outputs agrees with the Gram route.
  close(functionMetrics(mean, 'regression').relError, Math.sqrt(devSq / Z), 1e-5);
});

test('the bias2 estimator is unbiased for ‖μ‖² (the naive ‖d̄‖² is not)', () => {
  const L = 40;
  const N = 8;
  const draws = 300;
  const rng = new Rng(2024);
  const mu = Array.from({ length: L }, (_, j) => (j % 2 === 0 ? 0.15 : -0.1));
  const sigma = Array.from({ length: L }, (_, j) => 0.1 + (0.4 * j) / L);
  const muSq = mu.reduce((a, v) => a + v * v, 0);
  const trSigma = sigma.reduce((a, v) => a + v * v, 0);
  const est: number[] = [];
  const naive: number[] = [];
  for (let t = 0; t < draws; t++) {
    const members = Array.from({ length: N }, () =>
      member(
        ones(L),
        mu.map((v, j) => v + sigma[j]! * rng.gaussian()),
      ),
    );
    const s = ensembleStats(members, 'regression', { seed: t, curveDraws: 1 });
    close(s.floor! ** 2 * s.model.Z, s.model.bias2, 1e-9);
    est.push(s.model.bias2);
    naive.push(s.model.bias2 + s.model.s2 / N);
  }
  const mean = est.reduce((a, v) => a + v, 0) / draws;
  const sd = Math.sqrt(est.reduce((a, v) => a + (v - mean) ** 2, 0) / (draws - 1));
  const se = sd / Math.sqrt(draws);
  assert.ok(Math.abs(mean - muSq) < 4 * se, `mean bias2 ${mean} vs ‖μ‖² ${muSq} (se ${se})`);
  // E‖d̄‖² = ‖μ‖² + tr Σ / N: the correction is what removes this excess.
  const naiveMean = naive.reduce((a, v) => a + v, 0) / draws;
  assert.ok(Math.abs(naiveMean - (muSq + trSigma / N)) < 4 * se, `naive ${naiveMean}`);
  assert.ok(naiveMean - muSq > 10 * se);
});

test('i.i.d. zero-mean deviations: the floor interval reaches 0', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const rng = new Rng(seed);
    const members = Array.from({ length: 20 }, () =>
      member(
        ones(60),
        Array.from({ length: 60 }, () => 0.3 * rng.gaussian()),
      ),
    );
    const s = ensembleStats(members, 'regression', { seed });
    assert.equal(s.meanNearZero, false);
    assert.equal(s.floorCI![0], 0, `seed ${seed}: CI ${s.floorCI}`);
    assert.ok(s.floor! < 0.1, `seed ${seed}: floor ${s.floor}`);
  }
});

test('the floor interval covers the true floor (replicates recentred on the estimate)', () => {
  // True floor 0.1 (μ = 0.1 per entry, expected 1). The uncorrected percentile interval covers
  // it about half the time here; the recentred one about 99 %.
  const rng = new Rng(31);
  let covered = 0;
  const reps = 40;
  for (let r = 0; r < reps; r++) {
    const members = Array.from({ length: 20 }, () =>
      member(
        ones(60),
        Array.from({ length: 60 }, () => 0.1 + 0.3 * rng.gaussian()),
      ),
    );
    const [lo, hi] = ensembleStats(members, 'regression', { seed: r, curveDraws: 1 }).floorCI!;
    if (lo <= 0.1 && 0.1 <= hi) covered++;
  }
  assert.ok(covered >= 0.85 * reps, `covered ${covered} of ${reps}`);
});

test('a biased ensemble has a floor clearly above 0', () => {
  const rng = new Rng(11);
  const members = Array.from({ length: 20 }, () =>
    member(
      ones(60),
      Array.from({ length: 60 }, () => 0.2 + 0.3 * rng.gaussian()),
    ),
  );
  const s = ensembleStats(members, 'regression', { seed: 11 });
  close(s.floor, 0.2, 0.25); // within 25 % of the true 0.2
  assert.ok(s.floorCI![0] > 0.1 && s.floorCI![1] < 0.3, `CI ${s.floorCI}`);
});

test('members paired as d and −d: ensemble relError ≈ 0, floor 0, members far from equivariant', () => {
  const rng = new Rng(5);
  const members: Orbit[] = [];
  for (let p = 0; p < 4; p++) {
    const e = Array.from({ length: 12 }, () => 1 + rng.gaussian());
    const d = Array.from({ length: 12 }, () => 0.5 * rng.gaussian());
    members.push(
      member(e, d),
      member(
        e,
        d.map((v) => -v),
      ),
    );
  }
  for (const o of members) assert.ok(functionMetrics(o, 'regression').relError! > 0.1);
  assert.ok(functionMetrics(meanOrbit(members), 'regression').relError! < 1e-6);
  const s = ensembleStats(members, 'regression', { seed: 9 });
  assert.ok(s.model.bias2 === 0 && s.floor === 0 && s.floorCI![0] === 0);
  // Every model error is then variance: k = s²/(ε²Z), rounded up.
  assert.equal(s.membersNeeded['0.05'], Math.ceil(s.model.s2 / (0.05 * 0.05 * s.model.Z)));
});

test('membersNeeded on a constructed case: bias2 = ab, s² = (a−b)²/2, Z = 1', () => {
  // Two members with expected 1 and deviations a, b (B=1, m=2, D=1).
  const a = 0.03;
  const b = 0.0012;
  const s = ensembleStats([member([1], [a]), member([1], [b])], 'regression', { seed: 0 });
  close(s.model.Z, 1);
  close(s.model.bias2, a * b, 1e-4);
  close(s.model.s2, (a - b) ** 2 / 2, 1e-4);
  close(s.floor, Math.sqrt(a * b), 1e-4); // 0.006
  // (ab + s²/k) ≤ ε² ⇔ k ≥ s² / (ε² − ab) = 4.1472e-4 / 6.4e-5 = 6.48 → 7; ε = 0.05 → 0.17 → 1.
  assert.deepEqual(s.membersNeeded, { '0.01': 7, '0.05': 1 });
  // Equal deviations: no spread, floor 0.02 ≥ 0.01 is unreachable; 0.05 is met by one member.
  const same = ensembleStats([member([1], [0.02]), member([1], [0.02])], 'regression', { seed: 0 });
  close(same.floor, 0.02, 1e-4);
  assert.deepEqual(same.membersNeeded, { '0.01': null, '0.05': 1 });
});

test('curve ladder: 1, 2, 4, … then N', () => {
  assert.deepEqual(curveSizes(1), [1]);
  assert.deepEqual(curveSizes(2), [1, 2]);
  assert.deepEqual(curveSizes(5), [1, 2, 4, 5]);
  assert.deepEqual(curveSizes(8), [1, 2, 4, 8]);
  assert.deepEqual(curveSizes(16), [1, 2, 4, 8, 16]);
  const rng = new Rng(1);
  const members = Array.from({ length: 5 }, () => member([1, 2], [rng.gaussian(), rng.gaussian()]));
  assert.deepEqual(
    ensembleStats(members, 'regression', { seed: 1 }).curve.map((p) => p.k),
    [1, 2, 4, 5],
  );
});

test('curve of identical classifiers: every resample is that classifier', () => {
  // B=1, m=2, D=3 logits; g1 changes the class.
  const o: Orbit = { dims: { B: 1, m: 2, D: 3 }, moved: Float32Array.from([2, 0, 1, 0, 1, 3]), expected: Float32Array.from([2, 0, 1, 1, 2, 0]) };
  const own = functionMetrics(o, 'logits');
  const s = ensembleStats([o, o, o, o], 'logits', { seed: 4 });
  for (const p of s.curve) {
    close(p.relError, own.relError!);
    close(p.relErrorSd, 0);
    close(p.osp, own.osp!);
    close(p.div, own.div!);
  }
  assert.equal(s.curve.length, 3);
});

test('classification curve averages outputs: OSP rises as the ensemble grows', () => {
  // Member i moves class 0 → a random wrong class at g1 with noise; the average keeps class 0.
  const rng = new Rng(8);
  const members: Orbit[] = [];
  for (let i = 0; i < 32; i++) {
    const logits = [3, 0, 0, 0];
    const moved = logits.map((v) => v + 2.5 * rng.gaussian());
    members.push({ dims: { B: 1, m: 2, D: 4 }, moved: Float32Array.from([...logits, ...moved]), expected: Float32Array.from([...logits, ...logits]) });
  }
  const s = ensembleStats(members, 'logits', { seed: 8 });
  const first = s.curve[0]!;
  const last = s.curve[s.curve.length - 1]!;
  assert.ok(last.osp! > first.osp!, `OSP ${first.osp} → ${last.osp}`);
  assert.ok(last.div! < first.div!, `DIV ${first.div} → ${last.div}`);
  assert.ok(last.relError < first.relError);
});

test('mean ≈ 0 (zero-mean members): relative numbers are null, floorAbs stays', () => {
  const rng = new Rng(12);
  const members = Array.from({ length: 50 }, () => {
    const e = Array.from({ length: 30 }, () => rng.gaussian());
    return member(
      e,
      e.map(() => 0.1 * rng.gaussian()),
    );
  });
  const s = ensembleStats(members, 'regression', { seed: 12 });
  assert.equal(s.meanNearZero, true);
  assert.equal(s.floor, null);
  assert.equal(s.floorCI, null);
  assert.deepEqual(s.membersNeeded, { '0.01': null, '0.05': null });
  assert.ok(s.curve.every((p) => p.modelRelError === null));
  assert.ok(Number.isFinite(s.floorAbs));
  // All-zero outputs are near zero too.
  const zero = ensembleStats([member([0, 0], [0, 0]), member([0, 0], [0, 0])], 'regression', { seed: 1 });
  assert.equal(zero.meanNearZero, true);
  assert.equal(zero.floorAbs, 0);
});

test('one member: no floor, but floorAbs and a one-point curve', () => {
  const s = ensembleStats([member([1, 1], [0.3, 0.4])], 'regression', { seed: 1 });
  assert.equal(s.floor, null);
  assert.equal(s.floorCI, null);
  close(s.floorAbs, 0.5);
  assert.deepEqual(
    s.curve.map((p) => p.k),
    [1],
  );
});

test('same seed, same numbers; another seed, another interval', () => {
  const rng = new Rng(21);
  const members = Array.from({ length: 9 }, () =>
    member(
      ones(10),
      Array.from({ length: 10 }, () => 0.1 + 0.2 * rng.gaussian()),
    ),
  );
  const a = ensembleStats(members, 'regression', { seed: 42 });
  assert.deepEqual(ensembleStats(members, 'regression', { seed: 42 }), a);
  const b = ensembleStats(members, 'regression', { seed: 43 });
  assert.notDeepEqual(b.floorCI, a.floorCI);
  assert.equal(b.floor, a.floor);
});

test('options are checked', () => {
  const members = [member([1], [0.1]), member([1], [0.2])];
  assert.throws(() => ensembleStats(members, 'regression', { seed: 1, bootstrapDraws: 100 }), /bootstrapDraws/);
  assert.throws(() => ensembleStats(members, 'regression', { seed: 1, curveDraws: 0 }), /curveDraws/);
  assert.throws(() => ensembleStats([], 'regression', { seed: 1 }), /at least 1 member/);
  assert.throws(() => ensembleStats(members, 'logits', { seed: 1 }), /at least 2 classes/);
});
