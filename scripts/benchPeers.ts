// `npm run bench:peers`: EquiLens against the engines a user would otherwise pick, on one
// MobileNetV1 (α 1, 128×128×3) built as TF.js and as ONNX from the same weights: EquiLens auditing
// the TF.js ensemble (as `equilens audit` runs it, and on tfjs wasm with a worker per core and with
// one), EquiLens auditing the ONNX ensemble, bare onnxruntime-node (every core) and bare tfjs wasm. Forward passes per second as
// Δ(passes)/Δ(time) between a small and a large run, so start-up (loading, worker threads, wasm
// compilation) cancels; then the ratios, and how far the ONNX twin's outputs are from TF.js's.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from '../src/core/report/types';
import type { EngineChoice } from '../src/core/load/translate/chooseEngine';
import { initBackend } from '../src/node/backend';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { defaultWorkers, runAuditPool } from '../src/node/pool/auditPool';
import { MOBILENET_SIZE } from './bench/makeMobileNet';
import { bareOrt, bareTfjs, BATCH, images, loadOrt, ortSession, toNchw } from './bench/peers/engines';
import { benchModels, readLayersModel } from './bench/peers/files';
import { mobileNetToOnnx } from './bench/peers/mobileNetOnnx';
import { rate, timed, type Rate } from './bench/peers/rate';

const SIZE = MOBILENET_SIZE;
const arg = (name: string, fallback: string) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=')[1]!;
/** Probes per audit (small, large) and bare batches of 32 (small, large). */
const [AUDIT_SMALL, AUDIT_LARGE] = arg('probes', '4,20').split(',').map(Number) as [number, number];
const [ORT_SMALL, ORT_LARGE] = arg('ort-batches', '4,20').split(',').map(Number) as [number, number];
const [TFJS_SMALL, TFJS_LARGE] = arg('tfjs-batches', '1,4').split(',').map(Number) as [number, number];

interface Line {
  what: string;
  engine: string;
  rate: Rate;
}

async function main(): Promise<void> {
  const backend = await initBackend('wasm');
  const { tfjs, onnx, members } = await benchModels();
  const ort = loadOrt();
  if (!ort) throw new Error('onnxruntime-node is not installed (npm install; it is an optional dependency)');
  const lines: Line[] = [];
  const log = (l: Line) => {
    lines.push(l);
    console.error(
      `${l.what} [${l.engine}]: ${l.rate.perSecond.toFixed(1)} passes/s (${l.rate.small.passes} passes in ${l.rate.small.seconds.toFixed(2)} s, ${l.rate.large.passes} in ${l.rate.large.seconds.toFixed(2)} s)`,
    );
  };

  // Agreement first: the same 8 images through member 1 as TF.js (wasm) and as ONNX (onnxruntime).
  const model = await readLayersModel(join(tfjs, members[0]!));
  const session = await ortSession(ort, join(onnx, members[0]!, 'model.onnx'));
  const diff = await agreement(model, ort);

  // As `equilens audit` runs by default (TF.js translated to onnxruntime when it can), then TF.js
  // on tfjs wasm (--engine tfjs) with a worker per core and with one.
  const runs: [string, string, EngineChoice | undefined, number | undefined][] = [
    ['EquiLens audit, TF.js model (defaults)', tfjs, undefined, undefined],
    ['EquiLens audit, ONNX model (defaults)', onnx, undefined, undefined],
    [`EquiLens audit, TF.js model, --engine tfjs --workers ${defaultWorkers()}`, tfjs, 'tfjs', defaultWorkers()],
    ['EquiLens audit, TF.js model, --engine tfjs --workers 1', tfjs, 'tfjs', 1],
  ];
  for (const [what, folder, engine, workers] of runs) {
    let ran = '';
    const r = await rate(
      async (probes) => {
        const { value, seconds } = await timed(() => audit(toPosix(folder), probes, workers, backend.description, engine));
        ran = value.backend;
        return { passes: value.members.length * value.group.order * value.probes.count, seconds };
      },
      AUDIT_SMALL,
      AUDIT_LARGE,
    );
    log({ what, engine: ran, rate: r });
  }
  log({ what: 'bare onnxruntime-node, ONNX model', engine: `onnxruntime-node (CPU, ${availableParallelism()} threads)`, rate: await rate(bareOrt(ort, session, SIZE), ORT_SMALL, ORT_LARGE) });
  log({ what: 'bare tfjs, TF.js model', engine: backend.description, rate: await rate(bareTfjs(model, SIZE), TFJS_SMALL, TFJS_LARGE) });
  model.dispose();
  await session.release?.();

  console.log(`\n${machine()}; MobileNetV1 α 1, ${SIZE}×${SIZE}×3, ${members.length} members, C4, seeded synthetic probes, per-layer floors off; bare engines: batches of ${BATCH}.`);
  console.log(`Passes/s = Δ(passes)/Δ(seconds) between ${AUDIT_SMALL} and ${AUDIT_LARGE} probes per audit (bare: ${ORT_SMALL}/${ORT_LARGE} and ${TFJS_SMALL}/${TFJS_LARGE} batches), wall clock.\n`);
  console.log(table(lines));
  // Random weights shrink the activations layer after layer (the softmax is then flat): relative to the largest logit.
  console.log(
    `\nONNX twin vs TF.js, member 1, 8 images: max |Δ| ${diff.probs.toExponential(2)} on the softmax outputs; on the logits ${diff.logits.toExponential(2)}, ${(diff.logits / diff.logitScale).toExponential(2)} of the largest |logit| (${diff.logitScale.toExponential(2)}).`,
  );
}

function audit(folder: string, probes: number, workers: number | undefined, backend: string, engine: EngineChoice | undefined): Promise<AuditReport> {
  const spec = { targets: [folder], group: 'c4', output: 'invariant', probesCount: probes, seed: 0, localise: false, ...(engine && { engine }) };
  return runAuditPool(spec, { fs: nodeFiles, backend, onnx: nodeOnnxEngine() }, { backend: 'wasm' }, workers);
}

function table(lines: Line[]): string {
  const bareOrtRate = lines.find((l) => l.what.startsWith('bare onnxruntime'))!.rate.perSecond;
  const bareTfjsRate = lines.find((l) => l.what.startsWith('bare tfjs'))!.rate.perSecond;
  const out = ['| run | engine | passes/s | ÷ bare onnxruntime | ÷ bare predict, same engine |', '| --- | --- | ---: | ---: | ---: |'];
  for (const l of lines) {
    const same = l.engine.startsWith('onnxruntime') ? bareOrtRate : bareTfjsRate;
    const audit = l.what.startsWith('EquiLens');
    out.push(`| ${l.what} | ${l.engine} | ${l.rate.perSecond.toFixed(1)} | ${(l.rate.perSecond / bareOrtRate).toFixed(2)}× | ${audit ? `${(l.rate.perSecond / same).toFixed(2)}×` : '–'} |`);
  }
  return out.join('\n');
}

/** Max |Δ| of member 1's probabilities and logits, TF.js (wasm) against its ONNX twin (onnxruntime), on 8 images. */
async function agreement(model: tfl.LayersModel, ort: NonNullable<ReturnType<typeof loadOrt>>): Promise<{ probs: number; logits: number; logitScale: number }> {
  const n = 8;
  const x = images(n, SIZE, 7);
  const features = tfl.model({ inputs: model.inputs, outputs: model.getLayer('global_pool').output });
  const [w, b] = model.getLayer('predictions').getWeights();
  const [p, l] = tf.tidy(() => {
    const input = tf.tensor4d(x, [n, SIZE, SIZE, 3]);
    return [model.predict(input) as tf.Tensor, tf.add(tf.matMul(features.predict(input) as tf.Tensor2D, w as tf.Tensor2D), b!)];
  });
  const [tp, tl] = [(await p.data()) as Float32Array, (await l.data()) as Float32Array];
  tf.dispose([p, l]);
  const twin = await ortSession(ort, mobileNetToOnnx(model, true));
  const out = await twin.run({ [twin.inputNames[0]!]: new ort.Tensor('float32', toNchw(x, n, SIZE), [n, 3, SIZE, SIZE]) });
  await twin.release?.();
  const max = (a: Float32Array, c: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - c[i]!)), 0);
  return { probs: max(tp, out.probs!.data), logits: max(tl, out.logits!.data), logitScale: tl.reduce((m, v) => Math.max(m, Math.abs(v)), 0) };
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  return `${cpu}, ${availableParallelism()} cores, Node ${process.versions.node}`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
