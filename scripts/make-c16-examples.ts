/**
 * Trains the C16 example ensembles (examples/c16-compatible, examples/c16-asymmetric, probes in
 * examples/c16-probes): the paper's C16 experiment in small (THEORY §1, issue 16). Deterministic:
 * seeded glyphs, initializers, order and turns on the cpu backend.
 *   npm run examples:c16                          train both, save, audit, write the README section
 *   npm run examples:c16 -- --only=compatible     train one ensemble (two processes can share the work)
 *   npm run examples:c16 -- --check               only audit the saved members and rewrite the section
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadMember } from './examples/check';
import { useFastGradKernels } from './examples/fastKernels';
import { npyBytes, pngBytes, saveModel } from './examples/save';
import { auditC16, type C16Audit } from './examples/c16/audit';
import { C16_CLASSES, C16_SIZE, makeGlyphs, type GlyphSet } from './examples/c16/glyphs';
import { buildC16Model } from './examples/c16/models';
import { c16Section, replaceSection } from './examples/c16/readme';
import { C16_ENSEMBLES, C16_SETUP, type C16Spec } from './examples/c16/setup';
import { c16Orbit, orbitAccuracy, trainC16 } from './examples/c16/train';

const OUT = path.resolve(__dirname, '..', 'examples');
const PROBES = path.join(OUT, 'c16-probes');
const memberDir = (name: string, i: number) => path.join(OUT, name, `member-${String(i + 1).padStart(2, '0')}`);
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

interface Trained {
  accuracy: number[];
  seconds: number;
}

async function trainEnsemble(spec: C16Spec, data: GlyphSet, orbit: Float32Array[], test: GlyphSet, testOrbit: Float32Array[]): Promise<Trained> {
  rmSync(path.join(OUT, spec.name), { recursive: true, force: true });
  const accuracy: number[] = [];
  const t0 = Date.now();
  for (let i = 0; i < C16_SETUP.members; i++) {
    const seed = i + 1;
    const t = Date.now();
    const model = buildC16Model(spec.support, seed);
    const loss = await trainC16(model, spec.support, data, orbit, { ...C16_SETUP.training, seed });
    const acc = orbitAccuracy(model, test, testOrbit);
    await saveModel(model, memberDir(spec.name, i));
    await assertRoundTrip(model, memberDir(spec.name, i), test);
    model.dispose();
    accuracy.push(acc);
    console.log(`${spec.name} member ${seed}: loss ${loss.toFixed(3)}, accuracy on the C16 orbit of the test set ${(100 * acc).toFixed(1)} % (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  const trained = { accuracy, seconds: (Date.now() - t0) / 1000 };
  // Kept beside the members so a later --check (or the other process) can quote it.
  writeFileSync(path.join(OUT, spec.name, 'training.json'), JSON.stringify(trained) + '\n');
  return trained;
}

/** The saved files must predict exactly what the trained model does. */
async function assertRoundTrip(model: tfl.LayersModel, dir: string, data: GlyphSet): Promise<void> {
  const loaded = await loadMember(dir);
  const diff = tf.tidy(() => {
    const x = tf.tensor4d(data.images.subarray(0, 32 * C16_SIZE * C16_SIZE), [32, C16_SIZE, C16_SIZE, 1]);
    return tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor))).dataSync()[0]!;
  });
  loaded.dispose();
  if (diff !== 0) throw new Error(`${dir}: reloaded model differs by ${diff}`);
}

function writeProbes(probes: GlyphSet): void {
  rmSync(PROBES, { recursive: true, force: true });
  mkdirSync(path.join(PROBES, 'png'), { recursive: true });
  writeFileSync(path.join(PROBES, 'test-images.npy'), npyBytes(probes.images, [probes.n, C16_SIZE, C16_SIZE, 1]));
  const labels = Array.from(probes.labels, (l) => C16_CLASSES[l]);
  writeFileSync(path.join(PROBES, 'labels.json'), JSON.stringify({ classes: C16_CLASSES, labels }) + '\n');
  const px = C16_SIZE * C16_SIZE;
  for (let i = 0; i < C16_SETUP.probes.png; i++) {
    writeFileSync(path.join(PROBES, 'png', `probe-${String(i).padStart(2, '0')}-${labels[i]}.png`), pngBytes(probes.images.subarray(i * px, (i + 1) * px), C16_SIZE));
  }
}

async function main(): Promise<void> {
  const checkOnly = process.argv.includes('--check');
  const only = arg('only');
  await tf.setBackend('cpu');
  useFastGradKernels();
  const t0 = Date.now();
  if (!checkOnly) {
    const specs = C16_ENSEMBLES.filter((s) => !only || s.support === only);
    if (specs.length === 0) throw new Error(`--only=${only}: no such support`);
    const data = makeGlyphs(C16_SETUP.train.n, C16_SETUP.train.seed);
    const test = makeGlyphs(C16_SETUP.test.n, C16_SETUP.test.seed);
    const orbit = c16Orbit(data);
    const testOrbit = c16Orbit(test);
    for (const spec of specs) await trainEnsemble(spec, data, orbit, test, testOrbit);
    if (!only || only === C16_ENSEMBLES[0]!.support) writeProbes(makeGlyphs(C16_SETUP.probes.n, C16_SETUP.probes.seed));
    console.log(`training time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (only) return;
  }
  const audits: C16Audit[] = [];
  const trained: Trained[] = [];
  for (const spec of C16_ENSEMBLES) {
    trained.push(JSON.parse(readFileSync(path.join(OUT, spec.name, 'training.json'), 'utf8')) as Trained);
    audits.push(await auditC16(path.join(OUT, spec.name), path.join(PROBES, 'test-images.npy')));
  }
  const section = c16Section(
    trained.map((t) => t.accuracy),
    audits,
  );
  console.log(section);
  const readmePath = path.join(OUT, 'README.md');
  writeFileSync(readmePath, replaceSection(readFileSync(readmePath, 'utf8'), section));
  console.log(`total time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
