// `npm run bench:peers`: EquiLens against the engines a user would otherwise pick, on one
// MobileNetV1 (α 1, 128×128×3) built as TF.js and as ONNX from the same weights: EquiLens auditing
// the TF.js ensemble (as `equilens audit` runs it, and on tfjs wasm with a worker per core and with
// one), EquiLens auditing the ONNX ensemble, bare onnxruntime-node (every core) and bare tfjs wasm. Forward passes per second as
// Δ(passes)/Δ(time) between a small and a large run, so start-up (loading, worker threads, wasm
// compilation) cancels; then the ratios, and how far the ONNX twin's outputs are from TF.js's.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from '../src/core/report/types';
import type { EngineChoice } from '../src/core/load/translate/chooseEngine';
import { initBackend } from '../src/node/backend';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';
import type { OnnxEngine } from '../src/core/load/onnx/engine';
import { defaultWorkers, runAuditPool } from '../src/node/pool/auditPool';
import { MOBILENET_SIZE } from './bench/makeMobileNet';
import { bareOrt, bareTfjs, BATCH, images, loadOrt, ortSession, toNchw, translatedSession } from './bench/peers/engines';
import { benchModels, readLayersModel } from './bench/peers/files';
import { mobileNetToOnnx } from './bench/peers/mobileNetOnnx';
import { clockedOnnxEngine } from './bench/peers/insideRuns';
import { rate, timed, type Rate } from './bench/peers/rate';

const SIZE = MOBILENET_SIZE;
const arg = (name: string, fallback: string) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=')[1]!;
/** Probes per audit (small, large) and bare batches of 32 (small, large). */
const [AUDIT_SMALL, AUDIT_LARGE] = arg('probes', '12,60').split(',').map(Number) as [number, number];
const [ORT_SMALL, ORT_LARGE] = arg('ort-batches', '4,20').split(',').map(Number) as [number, number];
const [TFJS_SMALL, TFJS_LARGE] = arg('tfjs-batches', '1,4').split(',').map(Number) as [number, number];
/** The runs, in table order; `--only` picks some (and skips the agreement check), `--repeats` alternates rounds. */
const RUN_KEYS = ['tfjs', 'onnx', 'wasm', 'wasm1', 'ort', 'ort-translated', 'tfjs-bare'] as const;
type RunKey = (typeof RUN_KEYS)[number];
/** Without --only: every run but the translated graph's bare one, as the README's table has them. */
const DEFAULT_RUNS: readonly RunKey[] = ['tfjs', 'onnx', 'wasm', 'wasm1', 'ort', 'tfjs-bare'];
const ONLY = arg('only', '');
const SELECTED: RunKey[] = ONLY ? ONLY.split(',').map(runKey) : [...DEFAULT_RUNS];
const REPEATS = Math.max(1, Number(arg('repeats', '1')));

function runKey(k: string): RunKey {
  if (!(RUN_KEYS as readonly string[]).includes(k)) throw new Error(`--only: unknown run '${k}' (runs: ${RUN_KEYS.join(', ')})`);
  return k as RunKey;
}

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
  const log = (round: Line[], l: Line) => {
    round.push(l);
    console.error(
      `${l.what} [${l.engine}]: ${l.rate.perSecond.toFixed(1)} passes/s, ${l.rate.perCpuSecond.toFixed(1)} per CPU second (${l.rate.small.passes} passes in ${l.rate.small.seconds.toFixed(2)} s, ${l.rate.large.passes} in ${l.rate.large.seconds.toFixed(2)} s)${l.rate.engineShare ? `; ${(1 / l.rate.engineShare).toFixed(2)}× its own onnxruntime runs` : ''}`,
    );
  };

  // Agreement first (skipped with --only): the same 8 images through member 1 as TF.js (wasm) and as ONNX (onnxruntime).
  const model = await readLayersModel(join(tfjs, members[0]!));
  const session = await ortSession(ort, join(onnx, members[0]!, 'model.onnx'));
  const diff = ONLY ? null : await agreement(model, ort);

  // As `equilens audit` runs by default (TF.js translated to onnxruntime when it can), then TF.js
  // on tfjs wasm (--engine tfjs) with a worker per core and with one.
  const auditRun = (what: string, folder: string, engine: EngineChoice | undefined, workers: number | undefined) => async (): Promise<Line> => {
    let ran = '';
    const r = await rate(
      async (probes) => {
        const clocked = clockedOnnxEngine();
        const { value, seconds, cpu } = await timed(() => audit(toPosix(folder), probes, workers, backend.description, engine, clocked.engine));
        ran = value.backend;
        return { passes: value.members.length * value.group.order * value.probes.count, seconds, cpu, engineSeconds: clocked.seconds() };
      },
      AUDIT_SMALL,
      AUDIT_LARGE,
    );
    return { what, engine: ran, rate: r };
  };
  const translated = translatedSession(ort, model);
  const runs: Record<RunKey, () => Promise<Line>> = {
    tfjs: auditRun('EquiLens audit, TF.js model (defaults)', tfjs, undefined, undefined),
    onnx: auditRun('EquiLens audit, ONNX model (defaults)', onnx, undefined, undefined),
    wasm: auditRun(`EquiLens audit, TF.js model, --engine tfjs --workers ${defaultWorkers()}`, tfjs, 'tfjs', defaultWorkers()),
    wasm1: auditRun('EquiLens audit, TF.js model, --engine tfjs --workers 1', tfjs, 'tfjs', 1),
    ort: async () => ({
      what: 'bare onnxruntime-node, ONNX model',
      engine: `onnxruntime-node (CPU, ${availableParallelism()} threads)`,
      rate: await rate(bareOrt(ort, session, SIZE), ORT_SMALL, ORT_LARGE),
    }),
    'ort-translated': async () => ({
      what: 'bare onnxruntime-node, TF.js model translated to ONNX',
      engine: `onnxruntime-node (CPU, ${availableParallelism()} threads)`,
      rate: await rate(bareOrt(ort, await translated, SIZE, 'nhwc'), ORT_SMALL, ORT_LARGE),
    }),
    'tfjs-bare': async () => ({ what: 'bare tfjs, TF.js model', engine: backend.description, rate: await rate(bareTfjs(model, SIZE), TFJS_SMALL, TFJS_LARGE) }),
  };
  // Rounds alternate the runs (A B C A B C …) so that load from elsewhere spreads over all of them.
  const rounds: Line[][] = [];
  console.error(`load average before: ${loadavg()}`);
  for (let k = 0; k < REPEATS; k++) {
    const round: Line[] = [];
    for (const key of SELECTED) log(round, await runs[key]());
    rounds.push(round);
    if (REPEATS > 1) console.error(`round ${k + 1}: ${ratios(round)}`);
  }
  console.error(`load average after: ${loadavg()}`);
  lines.push(...medians(rounds));
  model.dispose();
  await session.release?.();
  await (await translated).release?.();

  console.log(
    `\n${machine()}; load average ${loadavg()}; MobileNetV1 α 1, ${SIZE}×${SIZE}×3, ${members.length} members, C4, seeded synthetic probes, per-layer floors off; bare engines: batches of ${BATCH}.`,
  );
  console.log(`Passes/s = Δ(passes)/Δ(seconds) between ${AUDIT_SMALL} and ${AUDIT_LARGE} probes per audit (bare: ${ORT_SMALL}/${ORT_LARGE} and ${TFJS_SMALL}/${TFJS_LARGE} batches), wall clock.\n`);
  if (REPEATS > 1) console.log(`Median of ${REPEATS} alternating rounds per run.\n`);
  console.log(table(lines));
  const inside = insideRuns(lines);
  if (inside) console.log(inside);
  if (!diff) return;
  // Random weights shrink the activations layer after layer (the softmax is then flat): relative to the largest logit.
  console.log(
    `\nONNX twin vs TF.js, member 1, 8 images: max |Δ| ${diff.probs.toExponential(2)} on the softmax outputs; on the logits ${diff.logits.toExponential(2)}, ${(diff.logits / diff.logitScale).toExponential(2)} of the largest |logit| (${diff.logitScale.toExponential(2)}).`,
  );
}

function audit(folder: string, probes: number, workers: number | undefined, backend: string, engine: EngineChoice | undefined, onnx: OnnxEngine): Promise<AuditReport> {
  const spec = { targets: [folder], group: 'c4', output: 'invariant', probesCount: probes, seed: 0, localise: false, ...(engine && { engine }) };
  return runAuditPool(spec, { fs: nodeFiles, backend, onnx }, { backend: 'wasm' }, workers);
}

/** For the audits whose forward passes onnxruntime ran in this thread: the audit's Δ time ÷ the Δ time inside those runs. */
function insideRuns(lines: readonly Line[]): string {
  const shown = lines.filter((l) => l.what.startsWith('EquiLens') && l.rate.engineShare !== undefined && l.rate.engineShare > 0);
  if (!shown.length) return '';
  const rows = shown.map(
    (l) => `${l.what}: ${(100 * l.rate.engineShare!).toFixed(0)} % of its Δ time inside onnxruntime's runs, so the audit takes ${(1 / l.rate.engineShare!).toFixed(2)}× its own forward passes`,
  );
  return `\nMeasured inside the same audits (the same load on both sides): ${rows.join('; ')}.`;
}

/** The bare lines the ratios divide by (absent when --only left them out). */
function bareRates(lines: readonly Line[]): { ort?: number; tfjs?: number } {
  return { ort: lines.find((l) => l.what === 'bare onnxruntime-node, ONNX model')?.rate.perSecond, tfjs: lines.find((l) => l.what === 'bare tfjs, TF.js model')?.rate.perSecond };
}

function table(lines: Line[]): string {
  const bare = bareRates(lines);
  const ratio = (v: number, by: number | undefined) => (by ? `${(v / by).toFixed(2)}×` : '–');
  const out = ['| run | engine | passes/s | ÷ bare onnxruntime | ÷ bare predict, same engine |', '| --- | --- | ---: | ---: | ---: |'];
  for (const l of lines) {
    const same = l.engine.startsWith('onnxruntime') ? bare.ort : bare.tfjs;
    const audit = l.what.startsWith('EquiLens');
    out.push(`| ${l.what} | ${l.engine} | ${l.rate.perSecond.toFixed(1)} | ${ratio(l.rate.perSecond, bare.ort)} | ${audit ? ratio(l.rate.perSecond, same) : '–'} |`);
  }
  return out.join('\n');
}

/** One round's lines as ratios to its own bare onnxruntime line (wall clock, and CPU seconds of this process). */
function ratios(round: readonly Line[]): string {
  const ort = round.find((l) => l.what === 'bare onnxruntime-node, ONNX model')?.rate;
  if (!ort) return round.map((l) => `${l.what}: ${l.rate.perSecond.toFixed(1)}/s`).join('; ');
  return round.map((l) => `${l.what}: ${(l.rate.perSecond / ort.perSecond).toFixed(2)}× (CPU ${(l.rate.perCpuSecond / ort.perCpuSecond).toFixed(2)}×)`).join('; ');
}

/** Per run, the round whose passes/s is the median (the lower middle one for an even count). */
function medians(rounds: readonly Line[][]): Line[] {
  return rounds[0]!.map((_, i) => {
    const sorted = rounds.map((r) => r[i]!).sort((a, b) => a.rate.perSecond - b.rate.perSecond);
    return sorted[(sorted.length - 1) >> 1]!;
  });
}

function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
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
