// The Lie derivative (src/core/lie, THEORY "The Lie derivative"): closed-form truths, exact
// invariance and equivariance at the error bars, per-layer values, and refusals.
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { EquiLensError } from '../src/core/errors';
import { makeGroup, parseRepresentation } from '../src/core/groups';
import { diskMask } from '../src/core/groups/continuous/resample';
import { checkLieSupport, lieHook, type LieReport } from '../src/core/lie';
import type { LoadedModel } from '../src/core/load/types';
import { renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import type { AuditReport } from '../src/core/report/types';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { runMain } from './helpers/hostileFs';
import { makeCnn, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-lie-');
let backend = '';
before(async () => {
  backend = (await initBackend('wasm')).name;
});
after(() => tmp.cleanup());

type Predict = (x: tf.Tensor) => Promise<tf.Tensor>;

/** The Lie hook run as runAudit runs it, on plain functions (no model file): report.lie. */
async function measure(members: Predict[], probes: tf.Tensor4D, group: string, output: string, D: number): Promise<LieReport> {
  const hook = lieHook({
    wanted: true,
    group,
    output,
    members: members.length,
    now: () => 0,
  });
  const g = makeGroup(group, probes.shape.slice(1), { seed: 0 });
  const rep = parseRepresentation(output, g, output === 'same' ? [null, ...probes.shape.slice(1)] : [null, D], { inputGrid: probes.shape.slice(1, 3) });
  hook.start({ group: g, rep, probes, channelsFirst: false });
  for (const [i, f] of members.entries()) await hook.add({} as LoadedModel, `m${i}`, f);
  const report = {} as AuditReport;
  hook.finish(report);
  hook.dispose();
  return report.lie!;
}

const N = 32;
const C = (N - 1) / 2;

/** A Gaussian blob of width s at column c0, row r0: smooth, and ≈ 0 long before the disk's rim. */
function blob(c0: number, r0: number, s: number): Float64Array {
  const x = new Float64Array(N * N);
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) x[r * N + c] = Math.exp(-((c - c0) ** 2 + (r - r0) ** 2) / (2 * s * s));
  return x;
}

function batch(...images: Float64Array[]): tf.Tensor4D {
  const out = new Float32Array(images.length * N * N);
  images.forEach((x, i) => out.set(Float32Array.from(x), i * N * N));
  return tf.tensor4d(out, [images.length, N, N, 1]);
}

/** f(x) = ⟨w, x⟩ with w(c, r) a polynomial in the pixel's offsets from the centre. */
function weights(a: number, b: number, q: number): Float64Array {
  const w = new Float64Array(N * N);
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) w[r * N + c] = a * (c - C) + b * (r - C) + q * (c - C) * (r - C);
  return w;
}

const linear =
  (w: Float64Array): Predict =>
  async (x) =>
    tf.tidy(() => tf.matMul(tf.reshape(x, [-1, N * N]), tf.tensor2d(Float32Array.from(w), [N * N, 1])));

/**
 * d/dθ ⟨w, M·R_θ(M·x)⟩ at θ = 0 over ⟨w, M·x⟩, two ways. Output pixel (c, r) reads the input at
 * R(−θ)(c, r) (resample.ts), whose velocity at θ = 0 is (−(r − C), c − C). 'grid': the limit the
 * central differences of bilinear resampling converge to: central pixel differences of M·x times
 * that velocity. 'analytic': the Gaussian's exact gradient (continuous image).
 */
function closedForm(w: Float64Array, x: Float64Array, c0: number, r0: number, s: number): { grid: number; analytic: number } {
  const M = diskMask(N, N);
  const mx = (r: number, c: number) => (r < 0 || c < 0 || r >= N || c >= N ? 0 : M[r * N + c]! * x[r * N + c]!);
  let f0 = 0;
  let grid = 0;
  let analytic = 0;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const p = r * N + c;
      const [vc, vr] = [-(r - C), c - C];
      f0 += w[p]! * mx(r, c);
      grid += w[p]! * M[p]! * (((mx(r, c + 1) - mx(r, c - 1)) / 2) * vc + ((mx(r + 1, c) - mx(r - 1, c)) / 2) * vr);
      analytic += w[p]! * x[p]! * ((-(c - c0) / s ** 2) * vc + (-(r - r0) / s ** 2) * vr);
    }
  }
  return { grid: Math.abs(grid / f0), analytic: Math.abs(analytic / f0) };
}

test('a linear functional on an off-centre Gaussian: the reported derivative is the closed form within its error bars', async () => {
  const w = weights(1, 0.5, 0.02);
  const x = blob(20, 12, 3);
  const before = tf.memory().numTensors;
  const probes = batch(x);
  const lie = await measure([linear(w)], probes, 'c4', 'invariant', 1);
  probes.dispose();
  assert.equal(tf.memory().numTensors, before, 'every tensor freed');
  const truth = closedForm(w, x, 20, 12, 3);
  const row = lie.members[0]!;
  const bar = row.differencingError + row.floatError;
  assert.equal(lie.generator, 'rotation');
  assert.equal(lie.unit, 'per radian');
  assert.ok(Math.abs(row.median - truth.grid) <= bar, `${row.median} vs ${truth.grid} ± ${bar}`);
  assert.ok(bar < 2e-3 * truth.grid, `error bar ${bar} is small`);
  assert.ok(row.resolved);
  // The pixel grid's own error (central differences of a σ = 3 px blob): 0.4 %, not a model's.
  assert.ok(Math.abs(row.median / truth.analytic - 1) < 0.01, `${row.median} vs analytic ${truth.analytic}`);
  assert.ok(lie.step > 0 && lie.step <= 0.125 / ((N - 1) / 2), 'the chosen step moves the rim by at most 1/8 px');
  assert.equal(lie.ladder.length, 4);
});

test('the ensemble mean: the derivative of the mean is the mean of the derivatives', async () => {
  const [w1, w2] = [weights(1, 0.5, 0.02), weights(-0.3, 1, 0)];
  const mean = w1.map((v, i) => (v + w2[i]!) / 2);
  const [x1, x2] = [blob(20, 12, 3), blob(11, 19, 2.5)];
  const lie = await measure([linear(w1), linear(w2)], batch(x1, x2), 'rot:16', 'invariant', 1);
  const truth = [closedForm(mean, x1, 20, 12, 3).grid, closedForm(mean, x2, 11, 19, 2.5).grid];
  const e = lie.ensemble!;
  const bar = e.differencingError + e.floatError;
  // Two probes: the median is their mean, q1…q3 spans them.
  assert.ok(Math.abs(e.median - (truth[0]! + truth[1]!) / 2) <= bar, `${e.median} vs ${truth} ± ${bar}`);
  assert.ok(Math.abs(e.max - Math.max(...truth)) <= 2 * bar);
  assert.equal(lie.members.length, 2);
  assert.ok(Math.abs(lie.members[0]!.median - lie.ensemble!.median) > 0.1, 'members differ from the mean');
});

test('an exactly rotation-invariant model (the disk mean and mean square) reads ≈ 0, below its error bars', async () => {
  const inv: Predict = async (x) => tf.tidy(() => tf.concat([tf.mean(tf.reshape(x, [-1, N * N]), 1, true), tf.mean(tf.square(tf.reshape(x, [-1, N * N])), 1, true)], 1));
  const lie = await measure([inv], batch(blob(20, 12, 3), blob(12, 18, 2.5)), 'c4', 'invariant', 2);
  const row = lie.members[0]!;
  assert.ok(row.max <= 1e-3, `${row.max}`);
  assert.ok(row.median <= row.differencingError + row.floatError, `${row.median} vs ${row.differencingError} + ${row.floatError}`);
  assert.equal(row.resolved, false);
});

test('points rotate back about the centre: an intensity centroid (points:xy,centers) is equivariant, ≈ 0', async () => {
  const cols = Float32Array.from({ length: N * N }, (_, p) => p % N);
  const rows = Float32Array.from({ length: N * N }, (_, p) => Math.floor(p / N));
  const centroid: Predict = async (x) =>
    tf.tidy(() => {
      const v = tf.reshape(x, [-1, N * N]);
      const mass = tf.sum(v, 1, true);
      return tf.div(tf.concat([tf.sum(tf.mul(v, cols), 1, true), tf.sum(tf.mul(v, rows), 1, true)], 1), mass);
    });
  const lie = await measure([centroid], batch(blob(20, 12, 3), blob(12, 18, 2.5)), 'c4', 'points:xy,centers', 2);
  const row = lie.members[0]!;
  // Turning the points the wrong way would read 2 per radian (each point's own speed, twice).
  assert.ok(row.median <= row.differencingError + row.floatError && row.max < 5e-3, JSON.stringify(row));
  assert.equal(row.resolved, false);
});

/** A 3×3 convolution with circular padding: it commutes with every circular (sub-pixel) shift. */
function conv(circular: boolean): Predict {
  const k = tf.tensor4d([0.1, -0.4, 0.3, 0.7, 0.2, -0.5, 0.05, 0.6, -0.2], [3, 3, 1, 1]);
  return async (x) =>
    tf.tidy(() => {
      if (!circular) return tf.conv2d(x as tf.Tensor4D, k, 1, 'same');
      const rows = tf.concat([tf.slice(x, [0, N - 1, 0, 0], [-1, 1, -1, -1]), x, tf.slice(x, [0, 0, 0, 0], [-1, 1, -1, -1])], 1);
      const padded = tf.concat([tf.slice(rows, [0, 0, N - 1, 0], [-1, -1, 1, -1]), rows, tf.slice(rows, [0, 0, 0, 0], [-1, -1, 1, -1])], 2);
      return tf.conv2d(padded as tf.Tensor4D, k, 1, 'valid');
    });
}

test('translate: a circular convolution is equivariant (≈ 0 along x and y); zero padding is not', async () => {
  const probes = tf.tidy(() => tf.add<tf.Tensor4D>(tf.randomUniform([4, N, N, 1], 0, 1, 'float32', 3), batch(blob(3, 5, 2), blob(28, 30, 3), blob(16, 1, 2), blob(0, 16, 2))));
  const circular = await measure([conv(true)], probes, 'translate', 'same', 0);
  const row = circular.members[0]!;
  assert.equal(circular.generator, 'translation');
  assert.equal(circular.unit, 'per pixel');
  assert.ok(row.max <= row.differencingError + row.floatError + 1e-5 && row.max < 1e-4, JSON.stringify(row));
  assert.equal(row.resolved, false);
  const zeros = await measure([conv(false)], probes, 'translate', 'same', 0);
  const z = zeros.members[0]!;
  assert.ok(z.resolved && z.median > 10 * (z.differencingError + z.floatError), JSON.stringify(z));
  assert.ok(z.x! > 0 && z.y! > 0);
  // Invariant: the sum of a circular convolution's map does not move.
  const summed: Predict = async (x) =>
    tf.tidy(() =>
      tf.sum(
        tf.reshape(
          tf.tidy(() => tf.conv2d(x as tf.Tensor4D, tf.ones([3, 3, 1, 1]), 1, 'valid')),
          [x.shape[0], -1],
        ),
        1,
        true,
      ),
    );
  const s = (await measure([summed], probes, 'translate', 'invariant', 1)).members[0]!;
  assert.ok(s.resolved, 'valid padding loses the border: not invariant');
  probes.dispose();
});

test('what the Lie derivative cannot measure is refused in one line naming --lie', () => {
  const refuse = (f: () => unknown, text: RegExp) => assert.throws(f, (e: unknown) => e instanceof EquiLensError && text.test(e.message) && e.message.includes('--lie') && !e.message.includes('\n'));
  refuse(() => checkLieSupport('flip-h', 'invariant', 'float32'), /'flip-h' has none/);
  refuse(() => checkLieSupport('permute', 'invariant', 'float32'), /'permute' has none/);
  refuse(() => checkLieSupport('c4', 'classes:rot90=1,2,3,0', 'float32'), /classes:rot90/);
  refuse(() => checkLieSupport('c4', 'same;rot90=1,0', 'float32'), /same;rot90/);
  refuse(() => checkLieSupport('translate', 'invariant', 'int32'), /float input/);
  assert.equal(checkLieSupport('dih:8', 'points:xy', 'float32'), 'rotation');
  assert.equal(checkLieSupport('translate', 'same', 'float32'), 'translation');
});

test('a layers ensemble: per-layer values beside the floors, the output layer equal to the end-to-end value; rendered everywhere', async () => {
  const dir = join(tmp.dir, 'cnn');
  for (const seed of [1, 2, 3]) writeModel(join(dir, `member-${seed}`), await saveArtifacts(makeCnn({ seed, size: 12, channels: 1 })));
  const report = await runAudit(
    {
      targets: [dir],
      group: 'c4',
      output: 'invariant',
      probesCount: 8,
      seed: 0,
      lie: true,
      engine: 'tfjs',
    },
    { fs: nodeFiles, backend },
  );
  const lie = report.lie!;
  assert.equal(lie.members.length, 3);
  assert.equal(lie.probes, 8);
  assert.ok(lie.ensemble && lie.ensemble.median > 0);
  const layers = lie.layers!;
  assert.deepEqual(
    layers.map((l) => l.index),
    report.layers!.map((l) => l.index),
  );
  assert.ok(
    layers.every((l) => l.memberMedian !== null && l.ensemble !== null),
    JSON.stringify(layers),
  );
  const out = layers[layers.length - 1]!;
  assert.ok(Math.abs(out.ensemble! - lie.ensemble.median) <= 1e-4 * lie.ensemble.median, `${out.ensemble} vs ${lie.ensemble.median}`);
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'report.schema.json'), 'utf8'));
  const { default: Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors));
  assert.match(renderTerminal(report), /Lie derivative along the rotation generator/);
  assert.match(renderMarkdown(report), /## Lie derivative[\s\S]*\| ensemble mean \(3\) \|/);
  const html = renderHtml(report);
  assert.match(html, /<h2>Lie derivative<\/h2>/);
  assert.match(html, /<th>Lie derivative<\/th>/);
  // rot:<n> has no exact action on hidden maps (no per-layer floors): the Lie values stand alone.
  const turned = await runAudit(
    {
      targets: [dir],
      group: 'rot:8',
      output: 'invariant',
      probesCount: 8,
      seed: 0,
      lie: true,
      engine: 'tfjs',
    },
    { fs: nodeFiles, backend },
  );
  assert.ok(!turned.layers?.length);
  assert.deepEqual(
    turned.lie!.layers!.map((l) => l.name),
    layers.map((l) => l.name),
  );
  assert.match(renderMarkdown(turned), /## Lie derivative[\s\S]*\| layer \| ensemble mean \| members \(median\) \|/);
  // Without --lie nothing of it appears.
  const plain = await runAudit(
    {
      targets: [dir],
      group: 'c4',
      output: 'invariant',
      probesCount: 8,
      seed: 0,
      engine: 'tfjs',
    },
    { fs: nodeFiles, backend },
  );
  assert.equal(plain.lie, undefined);
  assert.doesNotMatch(renderMarkdown(plain), /Lie derivative/);
});

test('the CLI: --lie with a group or a mode it cannot serve exits 2 with one line', async () => {
  const model = writeModel(join(tmp.dir, 'one'), await saveArtifacts(makeCnn({ seed: 4, size: 8, channels: 1 })));
  const flip = await runMain(['audit', model, '--group', 'flip-h', '--lie', '-q', '--workers', '1']);
  assert.equal(flip.code, 2);
  assert.match(flip.stderr, /--lie needs a group with a continuous generator .*'flip-h' has none/);
  assert.equal(flip.stderr.trim().split('\n').length, 1);
  const shard = await runMain(['audit', model, '--lie', '--shard', '1/2', '--json', join(tmp.dir, 's.json'), '-q']);
  assert.equal(shard.code, 2);
  assert.match(shard.stderr, /--lie does not run with --shard/);
  const ok = await runMain(['audit', model, '--group', 'translate', '--lie', '-q', '--workers', '1', '--json', join(tmp.dir, 't.json')]);
  assert.equal(ok.code, 0, ok.stderr);
  const lie = JSON.parse(readFileSync(join(tmp.dir, 't.json'), 'utf8')).lie as LieReport;
  assert.equal(lie.generator, 'translation');
  assert.equal(lie.ensemble, null);
  assert.ok(lie.members[0]!.x !== undefined && lie.members[0]!.y !== undefined);
});
