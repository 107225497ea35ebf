// Issue 12.1: models whose input is int32/uint8 run on integer probes 0–255, and say so.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { encodeNpy } from '../src/core/probes';
import { nodeFiles } from '../src/node/nodeFiles';
import { op, placeholder, writeGraph } from './helpers/graphFixtures';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-dtype-');
const host = { fs: nodeFiles, backend: 'cpu' };

/** x (integer, [N,4,4,1]) → Cast → Mean over H, W: exactly invariant under c4; outputs the mean pixel value. */
function integerModel(name: string, dtype: 'DT_INT32' | 'DT_UINT8'): string {
  return writeGraph(
    `${tmp.dir}/${name}`,
    [
      placeholder('x', dtype, [-1, 4, 4, 1]),
      { name: 'cast', op: 'Cast', input: ['x'], attr: { SrcT: { type: dtype }, DstT: { type: 'DT_FLOAT' } } },
      op('mean', 'Mean', ['cast', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
      op('Identity', 'Identity', ['mean']),
    ],
    [{ name: 'axes', dtype: 'int32', shape: [2], values: [1, 2] }],
  );
}

let int32Model = '';
let uint8Model = '';
before(async () => {
  await tf.setBackend('cpu');
  int32Model = integerModel('int32', 'DT_INT32');
  uint8Model = integerModel('uint8', 'DT_UINT8');
});
after(() => tmp.cleanup());

const spec = (target: string, more: Partial<AuditSpec> = {}): AuditSpec => ({ targets: [target], group: 'c4', output: 'invariant', probesCount: 6, seed: 0, pictures: 6, ...more });

/** Every probe value the report's pictures show. */
const probeValues = (r: Awaited<ReturnType<typeof runAudit>>) => r.pictures!.flatMap((p) => [...p.input, ...p.transformed]);

test('an int32-input model runs on integer probes in [0, 255] and reports dtype int32', async () => {
  const r = await runAudit(spec(int32Model), host);
  assert.equal(r.model.input.dtype, 'int32');
  assert.equal(r.model.input.layout, 'NHWC');
  const values = probeValues(r);
  assert.ok(values.length > 0);
  assert.ok(
    values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255),
    'probes are integers 0–255',
  );
  assert.ok(Math.max(...values) > 100, 'the probes use the range');
  // The mean of integer pixels is exactly invariant under rotations: the actions stayed exact.
  assert.ok(r.members[0]!.relError! < 1e-7);
  assert.match(r.probes.description, /scaled to integers 0–255/);
  // The model's output is the mean of the integer pixels the pictures show.
  const p = r.pictures![0]!;
  assert.ok(Math.abs(p.moved[0]! - p.input.reduce((a, b) => a + b, 0) / 16) < 1e-4);
});

test('a uint8 input reports its declared dtype (tfjs feeds it as int32)', async () => {
  const before = tf.memory().numTensors;
  const r = await runAudit(spec(uint8Model), host);
  assert.equal(tf.memory().numTensors, before, 'the int32 casts are freed');
  assert.equal(r.model.input.dtype, 'uint8');
  assert.ok(probeValues(r).every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
});

test('.npy probes: uint8 pass unscaled, floats in [0, 1] are scaled to 0–255, other floats rounded', async () => {
  const raw = Uint8Array.from({ length: 2 * 16 }, (_, i) => (i * 7) % 256);
  writeFileSync(`${tmp.dir}/u8.npy`, encodeNpy([2, 4, 4, 1], raw));
  const r1 = await runAudit(spec(int32Model, { probes: `${tmp.dir}/u8.npy`, probesCount: Infinity, pictures: 2 }), host);
  const first = r1.pictures!.find((p) => p.probe === 0)!;
  assert.deepEqual(first.input, Array.from(raw.subarray(0, 16)));

  const unit = Float32Array.from({ length: 16 }, (_, i) => i / 15);
  writeFileSync(`${tmp.dir}/unit.npy`, encodeNpy([1, 4, 4, 1], unit));
  const r2 = await runAudit(spec(int32Model, { probes: `${tmp.dir}/unit.npy`, probesCount: Infinity, pictures: 1 }), host);
  assert.deepEqual(
    r2.pictures![0]!.input,
    Array.from(unit, (v) => Math.round(v * 255)),
  );

  const big = Float32Array.from({ length: 16 }, (_, i) => i * 10.4);
  writeFileSync(`${tmp.dir}/big.npy`, encodeNpy([1, 4, 4, 1], big));
  const r3 = await runAudit(spec(int32Model, { probes: `${tmp.dir}/big.npy`, probesCount: Infinity, pictures: 1 }), host);
  assert.deepEqual(
    r3.pictures![0]!.input,
    Array.from(big, (v) => Math.round(v)),
  );
});

test('--mean/--std on an integer input: one clear line', async () => {
  await assert.rejects(runAudit(spec(int32Model, { mean: [0.5], std: [0.25] }), host), (e: unknown) => e instanceof EquiLensError && e.message.includes('--mean/--std normalise float inputs'));
});

test('a layers model whose input layer is int32 runs and reports int32', async () => {
  const tfl = await import('@tensorflow/tfjs-layers');
  const { saveArtifacts, writeModel } = await import('./helpers/modelFixtures');
  const x = tfl.input({ shape: [4, 4, 1], dtype: 'int32', name: 'pixels' });
  const y = tfl.layers.globalAveragePooling2d({}).apply(x) as import('@tensorflow/tfjs-layers').SymbolicTensor;
  const m = tfl.model({ inputs: x, outputs: y });
  const file = writeModel(`${tmp.dir}/layers-int`, await saveArtifacts(m));
  m.dispose();
  const r = await runAudit(spec(file), host);
  assert.equal(r.model.input.dtype, 'int32');
  assert.ok(probeValues(r).every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  assert.ok(r.members[0]!.relError! < 1e-6);
});

test('per-layer floors of an int32 layers ensemble run on the input as the model takes it', async () => {
  const tfl = await import('@tensorflow/tfjs-layers');
  const { saveArtifacts, writeModel } = await import('./helpers/modelFixtures');
  for (const seed of [1, 2]) {
    const x = tfl.input({ shape: [6, 6, 1], dtype: 'int32', name: 'pixels' });
    // tfjs's Conv2D refuses int32: a Rescaling layer makes floats first, as Keras image models do.
    const scaled = tfl.layers.rescaling({ scale: 1 / 255, name: 'scale' }).apply(x);
    const conv = tfl.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', name: 'conv', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }).apply(scaled);
    const y = tfl.layers.globalAveragePooling2d({ name: 'gap' }).apply(conv) as import('@tensorflow/tfjs-layers').SymbolicTensor;
    const m = tfl.model({ inputs: x, outputs: y });
    writeModel(`${tmp.dir}/ens-int/m${seed}`, await saveArtifacts(m));
    m.dispose();
  }
  const r = await runAudit(spec(`${tmp.dir}/ens-int`, { localise: true, pictures: 0 }), host);
  assert.equal(r.model.input.dtype, 'int32');
  assert.deepEqual(
    r.warnings.filter((w) => w.includes('per-layer')),
    [],
  );
  assert.ok(
    r.layers?.some((l) => l.name === 'conv'),
    JSON.stringify(r.layers),
  );
});
