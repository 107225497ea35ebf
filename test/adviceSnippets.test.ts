// The code that fixes carry, run: the tfjs snippets are transpiled (esbuild) and evaluated against
// the audit's own group actions; Keras/PyTorch ones are parsed by Python and checked for the
// essential call per group.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { execFileSync, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { transformSync } from 'esbuild';
import { rotateWeights } from '../src/core/advice/rotateWeights';
import { augmentSnippets, type Rep } from '../src/core/advice/snippets/augmentSnippets';
import { classTables } from '../src/core/advice/snippets/classTables';
import { groupCode } from '../src/core/advice/snippets/groupCode';
import { orbitStartSnippets } from '../src/core/advice/snippets/orbitStartSnippets';
import { symmetriseSnippets } from '../src/core/advice/snippets/symmetriseSnippets';
import { makeGroup, sitePermutation } from '../src/core/groups';
import type { Group } from '../src/core/groups/types';
import type { AuditReport } from '../src/core/report/types';
import { flattenCnn } from './helpers/orbitModels';

before(async () => {
  await tf.setBackend('cpu');
});

type Fn = (...args: never[]) => unknown;
/** Transpiles a TypeScript snippet (its import line dropped) and returns the named functions and constants. */
function evaluate(code: string, names: string[], scope: Record<string, unknown> = {}): Record<string, Fn> {
  const js = transformSync(code.replace(/^import .*$/gm, ''), { loader: 'ts' }).code;
  const all = { tf, ...scope };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generated snippet, which is what the test checks
  return new Function(...Object.keys(all), `${js}\nreturn { ${names.join(', ')} };`)(...Object.values(all)) as Record<string, Fn>;
}

const same = (a: tf.Tensor, b: tf.Tensor, eps = 0) => {
  assert.deepEqual(a.shape, b.shape);
  const d = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
  assert.ok(d <= eps, `max difference ${d}`);
};
const batch1 = (x: tf.Tensor) => tf.expandDims(x, 0);

/** What transform(x, g) takes for group element i: its index, its offsets, or its permutation. */
function param(group: Group, i: number, grid: number[]): unknown {
  if (group.name === 'translate' || group.name === 'shift') {
    const name = group.elements[i]!.name;
    return name === 'e' ? (group.name === 'translate' ? [0, 0] : 0) : group.name === 'translate' ? JSON.parse(`[${name.slice(6, -1)}]`) : Number(name.slice(6, -1));
  }
  if (group.name === 'permute') return Array.from(sitePermutation(group, i, grid));
  return i;
}

const CASES: [string, number[]][] = [
  ['flip-h', [5, 4, 2]],
  ['flip-v', [5, 4, 2]],
  ['c2', [5, 4, 2]],
  ['c4', [5, 5, 2]],
  ['d4', [5, 5, 2]],
  ['translate', [4, 4, 2]],
  ['shift', [6, 2]],
  ['reverse', [5, 2]],
  ['permute', [4, 3]],
];

describe('augmentation snippets (tfjs, evaluated)', () => {
  for (const [name, sample] of CASES) {
    test(`${name}: transform(x, g) is the audit's own action for every element, and augment draws all of them`, () => {
      const group = makeGroup(name, sample, { seed: 0 });
      const code = groupCode(name, sample)!;
      const x = tf.randomUniform(sample);
      const ys = tf.tensor1d([1, 0, 0]);
      const { transform, augment, augmented } = evaluate(augmentSnippets(code, 'invariant', null).tfjs!, ['transform', 'augment', 'augmented'], {
        dataset: { map: (f: (e: unknown) => unknown) => f({ xs: x, ys }) },
      });
      const grid = sample.slice(0, -1);
      const moved = group.elements.map((_, i) => tf.squeeze(group.apply(i, batch1(x)), [0]));
      group.elements.forEach((_, i) => same(transform!(x as never, param(group, i, grid) as never) as tf.Tensor, moved[i]!));
      // Uniform draws: every element of a small group shows up in 60·m draws (miss chance < m·e^-60).
      if (group.fullOrder <= 8) {
        const seen = new Set<number>();
        for (let k = 0; k < 60 * group.fullOrder; k++) {
          const out = (augment as (e: unknown) => { xs: tf.Tensor; ys: tf.Tensor })({ xs: x, ys });
          const hit = moved.findIndex((m) => tf.max(tf.abs(tf.sub(m, out.xs))).dataSync()[0] === 0);
          assert.ok(hit >= 0, 'augment returns an orbit point');
          assert.equal(out.ys, ys, 'invariant outputs keep the label');
          seen.add(hit);
        }
        // Distinct elements can coincide on x only if x is symmetric, which a random x is not.
        assert.equal(seen.size, group.fullOrder);
      }
      assert.ok((augmented as unknown as { xs: tf.Tensor }).xs instanceof tf.Tensor, 'the tf.data line maps examples');
    });
  }

  test("'same' moves label maps with the input; 'classes' permutes one-hot labels by π_g", () => {
    const code = groupCode('flip-h', [4, 4, 1])!;
    const x = tf.randomUniform([4, 4, 1]);
    const map = tf.randomUniform([4, 4, 2]);
    const { augment } = evaluate(augmentSnippets(code, 'same', null).tfjs!, ['augment'], { dataset: { map: () => null } });
    for (let k = 0; k < 20; k++) {
      const out = (augment as (e: unknown) => { xs: tf.Tensor; ys: tf.Tensor })({ xs: x, ys: map });
      const flipped = tf.max(tf.abs(tf.sub(out.xs, x))).dataSync()[0]! > 0;
      same(out.ys, flipped ? tf.reverse(map, 1) : map);
    }
    const report = { group: { name: 'flip-h', elements: ['e', 'flip-h'] }, representation: { kind: 'classes', description: 'classes (flip-h: 1,0,2)' } } as unknown as AuditReport;
    const tables = classTables(report)!;
    assert.deepEqual(tables.perm, [
      [0, 1, 2],
      [1, 0, 2],
    ]);
    const cls = evaluate(augmentSnippets(code, 'classes', tables).tfjs!, ['augment'], { dataset: { map: () => null } });
    for (let k = 0; k < 20; k++) {
      const out = (cls.augment as (e: unknown) => { xs: tf.Tensor; ys: tf.Tensor })({ xs: x, ys: tf.tensor1d([1, 0, 0]) });
      const flipped = tf.max(tf.abs(tf.sub(out.xs, x))).dataSync()[0]! > 0;
      assert.deepEqual(Array.from(out.ys.dataSync()), flipped ? [0, 1, 0] : [1, 0, 0], 'class 0 of a mirrored image is class 1');
    }
  });

  test('class permutations compose along words: D4 with rot90 → (0 1 2 3) and flip-h → (1 0 3 2)', () => {
    const elements = ['e', 'rot90', 'rot180', 'rot270', 'flip-h', 'rot90·flip-h', 'rot180·flip-h', 'rot270·flip-h'];
    const report = { group: { name: 'd4', elements }, representation: { kind: 'classes', description: 'classes (rot90: 1,2,3,0; flip-h: 1,0,3,2)' } } as unknown as AuditReport;
    const { perm, inv } = classTables(report)!;
    assert.deepEqual(perm[2], [2, 3, 0, 1]);
    // rot90·flip-h: flip first (0 → 1), then rot90 (1 → 2).
    assert.equal(perm[5]![0], 2);
    perm.forEach((p, g) => p.forEach((d, c) => assert.equal(inv[g]![d], c)));
  });
});

describe('symmetrisation snippets (tfjs, evaluated)', () => {
  const conv = (size: number[], units: number | null) => {
    const m = tfl.sequential();
    const init = (s: number) => tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: s });
    m.add(tfl.layers.conv2d({ inputShape: size, filters: 3, kernelSize: [3, 1], padding: 'same', activation: 'relu', kernelInitializer: init(1), biasInitializer: init(2) }));
    if (units) {
      m.add(tfl.layers.flatten({}));
      m.add(tfl.layers.dense({ units, kernelInitializer: init(3) }));
    } else m.add(tfl.layers.conv2d({ filters: 2, kernelSize: 1, kernelInitializer: init(3) }));
    return m;
  };

  for (const [name, rep, sample] of [
    ['c4', 'invariant', [6, 6, 1]],
    ['d4', 'same', [6, 6, 1]],
    ['translate', 'same', [4, 4, 1]],
    ['flip-v', 'invariant', [5, 4, 1]],
  ] as const) {
    test(`${name}, ${rep}: the symmetrised model of a non-square-kernel CNN is exactly equivariant`, () => {
      const group = makeGroup(name, [...sample], { seed: 0 });
      const model = conv([...sample], rep === 'invariant' ? 3 : null);
      const snippet = symmetriseSnippets(groupCode(name, [...sample])!, rep, null)!;
      const { symmetrised } = evaluate(snippet.tfjs!, ['symmetrised']);
      const x = tf.randomUniform([3, ...sample]);
      const f = (y: tf.Tensor) => (symmetrised as (m: tfl.LayersModel[], y: tf.Tensor) => tf.Tensor)([model], y);
      const raw = model.predict(x) as tf.Tensor;
      group.elements.forEach((_, g) => {
        const expected = rep === 'same' ? group.apply(g, f(x)) : f(x);
        same(f(group.apply(g, x)), expected, 1e-5);
        if (g > 0 && rep === 'invariant') assert.ok(tf.max(tf.abs(tf.sub(model.predict(group.apply(g, x)) as tf.Tensor, raw))).dataSync()[0]! > 1e-3, 'the model alone is not');
      });
      model.dispose();
    });
  }

  test('classes: outputs are un-permuted by π_g (flip-h swapping classes 0 and 1)', () => {
    const report = { group: { name: 'flip-h', elements: ['e', 'flip-h'] }, representation: { kind: 'classes', description: 'classes (flip-h: 1,0,2)' } } as unknown as AuditReport;
    const model = conv([4, 4, 1], 3);
    const { symmetrised } = evaluate(symmetriseSnippets(groupCode('flip-h', [4, 4, 1])!, 'classes', classTables(report))!.tfjs!, ['symmetrised']);
    const x = tf.randomUniform([2, 4, 4, 1]);
    const f = (y: tf.Tensor) => (symmetrised as (m: tfl.LayersModel[], y: tf.Tensor) => tf.Tensor)([model], y);
    same(f(tf.reverse(x, 2)), tf.gather(f(x), [1, 0, 2], 1), 1e-5);
    model.dispose();
  });
});

test('orbit-start snippet (tfjs, evaluated) moves weights exactly as rotateWeights does, under c4 and d4', () => {
  for (const name of ['c4', 'd4']) {
    const group = makeGroup(name, [8, 8, 1], { seed: 0 });
    const { orbitStart } = evaluate(orbitStartSnippets(groupCode(name, [8, 8, 1])!, true)!.tfjs!, ['orbitStart']);
    for (let g = 1; g < group.elements.length; g++) {
      const a = flattenCnn(4);
      const b = flattenCnn(4);
      (orbitStart as (m: tfl.LayersModel, g: number) => void)(a, g);
      rotateWeights(b, group, g);
      a.getWeights().forEach((w, i) => same(w, b.getWeights()[i]!));
      a.dispose();
      b.dispose();
    }
  }
});

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('Keras and PyTorch snippets', () => {
  const all = (rep: Rep) =>
    CASES.flatMap(([name, sample]) => {
      const code = groupCode(name, sample)!;
      return [augmentSnippets(code, rep, null), symmetriseSnippets(code, rep, null), orbitStartSnippets(code, sample.length === 3)].flatMap((s) => (s ? [s] : []));
    });

  test('parse as Python', { skip: !hasPython && 'no python3' }, () => {
    for (const rep of ['invariant', 'same'] as const) {
      for (const s of all(rep)) {
        for (const py of [s.keras!, s.pytorch!]) execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: py });
      }
    }
  });

  test('use the essential call of each group', () => {
    const aug = (name: string, sample: number[]) => augmentSnippets(groupCode(name, sample)!, 'invariant', null);
    const c4 = aug('c4', [16, 16, 1]);
    assert.match(c4.keras!, /tf\.image\.rot90\(x, k=g\)/);
    assert.match(c4.keras!, /g = tf\.random\.uniform\(\[\], 0, 4, dtype=tf\.int32\)/);
    assert.match(c4.keras!, /RandomRotation draws\s+(#\s+)?continuous angles/);
    assert.match(c4.pytorch!, /torch\.rot90\(x, g, dims=\(-2, -1\)\)/);
    assert.match(c4.pytorch!, /int\(torch\.randint\(4, \(\)\)\)/);
    assert.match(c4.tfjs!, /tf\.reverse\(tf\.transpose\(y, \[1, 0, 2\]\), 0\)/);
    const d4 = aug('d4', [16, 16, 1]);
    assert.match(d4.keras!, /tf\.image\.flip_left_right\(x\)[\s\S]*tf\.image\.rot90\(x, k=g % 4\)/);
    assert.match(d4.pytorch!, /torch\.flip\(x, dims=\(-1,\)\)[\s\S]*torch\.rot90\(x, g % 4, dims=\(-2, -1\)\)/);
    assert.match(aug('flip-h', [8, 8, 1]).keras!, /tf\.image\.flip_left_right/);
    assert.match(aug('flip-v', [8, 8, 1]).keras!, /tf\.image\.flip_up_down/);
    assert.match(aug('flip-v', [8, 8, 1]).pytorch!, /torch\.flip\(x, dims=\(-2,\)\)/);
    assert.match(aug('c2', [8, 8, 1]).keras!, /tf\.image\.rot90\(x, k=2 \* g\)/);
    const tr = aug('translate', [16, 12, 1]);
    assert.match(tr.keras!, /tf\.roll\(x, shift=g, axis=\[-3, -2\]\)/);
    assert.match(tr.keras!, /tf\.random\.uniform\(\[\], 0, 16, dtype=tf\.int32\), tf\.random\.uniform\(\[\], 0, 12, dtype=tf\.int32\)/);
    assert.match(tr.pytorch!, /torch\.roll\(x, shifts=tuple\(g\), dims=\(-2, -1\)\)/);
    assert.match(tr.keras!, /RandomTranslation/);
    assert.match(aug('shift', [20, 3]).keras!, /tf\.roll\(x, shift=g, axis=-2\)/);
    assert.match(aug('reverse', [20, 3]).pytorch!, /torch\.flip\(x, dims=\(-1,\)\)/);
    assert.match(aug('permute', [7, 3]).pytorch!, /torch\.randperm\(7\)/);
    assert.match(aug('permute', [7, 3]).keras!, /tf\.random\.shuffle\(tf\.range\(7\)\)/);
    const start = orbitStartSnippets(groupCode('c4', [16, 16, 1])!, true)!;
    assert.match(start.keras!, /isinstance\(before, keras\.layers\.Flatten\)/);
    assert.match(start.pytorch!, /m\.weight\.copy_\(transform\(m\.weight, g\)\)/);
    assert.equal(orbitStartSnippets(groupCode('translate', [8, 8, 1])!, true), null, 'translations leave kernels be');
    assert.equal(symmetriseSnippets(groupCode('translate', [16, 16, 1])!, 'invariant', null), null, '256 passes per input: no snippet');
  });
});
