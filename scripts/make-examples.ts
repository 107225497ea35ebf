/**
 * Trains the example ensembles in examples/ (see examples/README.md). Deterministic: seeded data,
 * initializers, order and turns on the cpu backend, so every run writes the same bytes.
 *   npm run examples             train, save, audit, write examples/README.md (~6 min on 2 cores)
 *   npm run examples -- --check  only audit the saved members
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, makeDataset, SIZE, type Dataset } from './examples/dataset';
import { buildModel } from './examples/models';
import { accuracy, train } from './examples/train';
import { npyBytes, pngBytes, saveModel } from './examples/save';
import { auditEnsemble, loadMember, orbitOutputs, type EnsembleAudit } from './examples/check';
import { useFastGradKernels } from './examples/fastKernels';
import { ENSEMBLES, SETUP, type EnsembleSpec } from './examples/setup';
import { readme, table } from './examples/readme';
import { keepSection } from './examples/c16/readme';

const OUT = path.resolve(__dirname, '..', 'examples');

const memberDir = (ensemble: string, i: number) => path.join(OUT, ensemble, `member-${String(i + 1).padStart(2, '0')}`);

async function trainEnsemble(spec: EnsembleSpec, trainSet: Dataset, testSet: Dataset): Promise<number[]> {
  rmSync(path.join(OUT, spec.name), { recursive: true, force: true });
  const accuracies: number[] = [];
  for (let i = 0; i < SETUP.members; i++) {
    const seed = i + 1;
    const t0 = Date.now();
    const model = buildModel(spec.arch, seed);
    const loss = await train(model, trainSet, { ...SETUP.training, augment: spec.augment, seed });
    const acc = accuracy(model, testSet);
    await saveModel(model, memberDir(spec.name, i));
    await assertRoundTrip(model, memberDir(spec.name, i), testSet);
    model.dispose();
    accuracies.push(acc);
    const s = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`${spec.name} member ${i + 1}: loss ${loss.toFixed(3)}, test accuracy ${(100 * acc).toFixed(1)} % (${s} s)`);
  }
  return accuracies;
}

/** The saved files must predict exactly what the trained model does. */
async function assertRoundTrip(model: tfl.LayersModel, dir: string, data: Dataset): Promise<void> {
  const loaded = await loadMember(dir);
  const diff = tf.tidy(() => {
    const x = tf.tensor4d(data.images.subarray(0, 32 * SIZE * SIZE), [32, SIZE, SIZE, 1]);
    return tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor))).dataSync()[0]!;
  });
  loaded.dispose();
  if (diff !== 0) throw new Error(`${dir}: reloaded model differs by ${diff}`);
}

function writeProbes(probes: Dataset): void {
  const dir = path.join(OUT, 'probes');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'png'), { recursive: true });
  writeFileSync(path.join(dir, 'test-images.npy'), npyBytes(probes.images, [probes.n, SIZE, SIZE, 1]));
  const labels = Array.from(probes.labels, (l) => CLASSES[l]);
  writeFileSync(path.join(dir, 'labels.json'), JSON.stringify({ classes: CLASSES, labels }) + '\n');
  for (let i = 0; i < SETUP.probes.png; i++) {
    const px = probes.images.subarray(i * SIZE * SIZE, (i + 1) * SIZE * SIZE);
    writeFileSync(path.join(dir, 'png', `probe-${String(i).padStart(2, '0')}-${labels[i]}.png`), pngBytes(px, SIZE));
  }
}

async function audit(spec: EnsembleSpec, probes: tf.Tensor4D): Promise<EnsembleAudit> {
  const outputs: Float32Array[][] = [];
  for (let i = 0; i < SETUP.members; i++) {
    const model = await loadMember(memberDir(spec.name, i));
    outputs.push(orbitOutputs(model, probes));
    model.dispose();
  }
  return auditEnsemble(outputs, CLASSES.length);
}

async function main(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  await tf.setBackend('cpu');
  useFastGradKernels();
  const probeSet = makeDataset(SETUP.probes.n, SETUP.probes.seed);
  const t0 = Date.now();
  const accuracies: number[][] = [];
  if (!checkOnly) {
    const trainSet = makeDataset(SETUP.train.n, SETUP.train.seed);
    const testSet = makeDataset(SETUP.test.n, SETUP.test.seed);
    for (const spec of ENSEMBLES) accuracies.push(await trainEnsemble(spec, trainSet, testSet));
    writeProbes(probeSet);
    console.log(`training time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const probes = tf.tensor4d(probeSet.images, [probeSet.n, SIZE, SIZE, 1]);
  const audits: EnsembleAudit[] = [];
  for (const spec of ENSEMBLES) audits.push(await audit(spec, probes));
  console.log(`\nC4 audit on the ${probeSet.n} probes:\n${table(audits)}`);
  // The README's C16 section belongs to make-c16-examples.ts: keep it.
  const readmePath = path.join(OUT, 'README.md');
  if (!checkOnly) writeFileSync(readmePath, keepSection(readme(accuracies, audits), existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : ''));
  console.log(`total time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
