import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { gridRank, isGroupName, makeGroup, parseRepresentation } from '../groups';
import { interpolationFloor } from '../groups/continuous/floor';
import { relativeTo } from '../io/paths';
import { checkpointCollector } from '../checks/checkpoint';
import { checkInputFits, discoverMembers, loadModel, readModelJson } from '../load';
import { resolveLimits } from '../load/limits';
import { onnxOnce } from '../load/onnx/onnxFile';
import type { LoadedModel } from '../load/types';
import { loadProbes } from '../probes';
import type { Orbit } from '../stats/types';
import type { Finding } from '../checks/findings';
import type { AuditReport, MemberResult } from '../report/types';
import { recordingCollector, type RecordingCollector } from '../shard/checkpoint';
import { shardMembers } from '../shard/select';
import type { ShardSelection } from '../shard/types';
import { finishReport } from './finishReport';
import { memberResult, outputKindOf, type KindEvidence } from './memberKind';
import type { MemberRun } from './memberRun';
import { evaluateMember } from './evaluateMember';
import type { AwayMember } from './awayMember';
import { nonFiniteCount, nonFiniteOutputFinding, nonFiniteWeightsFinding, noFiniteMember, type ExcludedMember } from './numerics';
import { withEngine } from './engineLock';
import { checkProbeCount } from './probeLimit';
import { disposePlan, planInput, type InputPlan } from './inputPlan';
import { toModelOrder } from './inputLayout';
import { findByName } from '../load/tensorNames';
import { feedTensor } from '../load/feedInputs';
import { localisation } from '../localise';
import { lieHook } from '../lie';
import { disposeAll, orbitInputs } from './orbitInputs';
import type { AuditHost, AuditSpec } from './spec';

/** Thrown when the host's AbortSignal fires; front ends treat it as a quiet stop. */
export class AuditCancelled extends Error {
  constructor() {
    super('audit cancelled');
    this.name = 'AuditCancelled';
  }
}

/**
 * The audit pipeline: discover members → load each, evaluate it on the probe orbit, dispose it
 * (one member in memory at a time) → statistics → report. Only the orbit outputs are kept.
 */
export async function runAudit(spec: AuditSpec, host: AuditHost, hooks?: MemberHooks): Promise<AuditReport> {
  return auditMembers(spec, host, undefined, (run) => finishReport(run, spec, host), hooks);
}

/**
 * How member-parallel workers (src/node/pool/auditPool.ts) plug into the streaming loop. `evaluate`
 * may take over the evaluation of member i (a worker computes it; null: evaluated here as usual);
 * everything else — loads, checkpoint signatures, per-layer floors, member order — stays as in a
 * serial run, so the report is the same. Per-layer floors and the Lie derivative are computed
 * where the member is evaluated (their part(), in the worker) and folded in here in member order
 * (addPart()), as add() does in a serial run. `remote` goes further for members after the first:
 * member i is not even loaded here, its worker's load, evaluation and parts come back as an
 * AwayMember (null: loaded here as usual). `onEvaluated` hands each member's evaluation, parts
 * and what its load saw out as soon as they exist (the worker side).
 */
export interface MemberHooks {
  evaluate?: (member: number, loaded: LoadedModel) => Promise<AwayMember> | null;
  remote?: (member: number) => Promise<AwayMember> | null;
  onEvaluated?: (member: number, done: AwayMember) => void;
  /** Awaited before member i (after the first) is loaded: a pool worker waits there so it does not run too far ahead. */
  before?: (member: number) => Promise<void>;
}

/**
 * runAudit's streaming part, shared with `--shard` (shard/runShard.ts): runs the `shard`'s members
 * (all when undefined) and hands what it collected to `finish`, while the probes' tensors live.
 */
export async function auditMembers<T>(spec: AuditSpec, host: AuditHost, shard: ShardSelection | undefined, finish: (run: MemberRun) => T | Promise<T>, hooks: MemberHooks = {}): Promise<T> {
  if (host.signal?.aborted) throw new AuditCancelled(); // cancelled before it began: read nothing
  // Each .onnx member's structure is read once per audit, its bytes once per load (onnxFile.ts onnxOnce).
  host = { ...host, fs: onnxOnce(host.fs) };
  const now = host.now ?? (() => performance.now() / 1000);
  const started = now();
  const limits = resolveLimits(spec.limits);
  checkProbeCount(spec.probesCount, limits);
  const { members, root } = await discoverMembers(host.fs, spec.targets, limits);
  const selected = shard ? shardMembers(members.length, shard) : members.map((_, i) => i);
  const show = (p: string) => (spec.displayBase ? relativeTo(spec.displayBase, p) : p);
  const cancelled = () => {
    if (host.signal?.aborted) throw new AuditCancelled();
  };

  // Read once: the first member's JSON serves both loading and the static checks.
  const firstJson = await readModelJson(host.fs, members[0]!, limits);
  // Tensor-creating steps take turns with other audits in this process (engineLock.ts).
  // Per-layer weight signatures of every member, for shared-checkpoint (checks/checkpoint), taken
  // from the bytes each load reads: no second read.
  // A shard keeps each member's signatures: merge makes the findings from every shard's.
  const checkpoint = shard ? recordingCollector(members.length, firstJson.format) : checkpointCollector(members.length, firstJson.format);
  const setup = { members, root, selected, firstJson, show, started, now };
  if (!selected.length) return await finish({ ...setup, evaluated: null });
  const firstPath = members[selected[0]!]!;
  // Per-layer floors (THEORY §5) read each member's hidden layers while it is loaded.
  const localise = localisation({ wanted: spec.localise, json: firstJson, outputName: spec.outputName, seed: spec.seed, members: members.length, now });
  // The Lie derivative (src/core/lie) runs each member again on the ladder of small turns or shifts.
  const lie = lieHook({ wanted: spec.lie === true, group: spec.group, output: spec.output, outputName: spec.outputName, members: members.length, now });
  const signWeights = (path: string) => (specs: readonly tf.io.WeightsManifestEntry[], bytes: Uint8Array) => checkpoint.add(path, show(path), specs, bytes);
  let model: LoadedModel | null = await withEngine(() =>
    loadModel(host.fs, firstPath, { json: selected[0] === 0 ? firstJson : undefined, limits, onWeights: signWeights(firstPath), onnx: host.onnx, engine: spec.engine }),
  );
  let inputs: tf.Tensor[] = [];
  let plan: InputPlan | null = null;
  let modelInputs: tf.Tensor[] = [];
  try {
    const first = model;
    const input = pick(first.inputs, spec.inputName, 'input', first.path);
    const output = pick(first.outputs, spec.outputName, 'output', first.path);
    // Shape, layout, dtype and fixed inputs (inputPlan.ts); probes and groups stay channels-last.
    plan = await planInput(host, spec, first, input, show);
    const { sampleShape, feed, integer } = plan;
    // A known group that cannot act on this input (non-square, wrong rank) is the model's
    // mismatch: name its file, as every model error does (found by scripts/fuzz.ts).
    const makeIt = () => makeGroup(spec.group, sampleShape, { seed: spec.seed });
    const group = isGroupName(spec.group) ? withFile(first.path, makeIt) : makeIt();
    const probes = await loadProbes(
      host.fs,
      {
        path: spec.probes,
        count: spec.probesCount,
        seed: spec.seed,
        sampleShape,
        layout: group.layout,
        mean: spec.mean,
        std: spec.std,
        integer,
        channelsFirst: feed.channelsFirst,
      },
      host.decodeImage,
    );
    if (spec.probes) probes.description = probes.description.split(spec.probes).join(show(spec.probes));
    checkProbeCount(probes.shape[0]!, limits, spec.probes);
    checkInputFits(first, toModelOrder(probes.shape.slice(1), feed.channelsFirst), input.name);
    // Points move within the grid the group acts on (the probes' H×W as the group sees them).
    const repOptions = { inputGrid: probes.shape.slice(1, 1 + gridRank(group.layout)), channelsFirst: feed.channelsFirst };
    const rep = parseRepresentation(spec.output, group, output.shape, repOptions);
    const m = group.elements.length;
    host.onEvent?.({ kind: 'started', members: selected.map((i) => show(members[i]!)), group: group.name, order: m, probes: probes.shape[0]! });
    inputs = await withEngine(async () => orbitInputs(group, probes));
    // Resampled rotations: what a rotation-invariant function shows on these very inputs (THEORY).
    const resamplingFloor = await withEngine(async () => interpolationFloor(group, inputs));
    // Members and per-layer floors get the input as the model takes it (channels-first, cast),
    // made once here rather than by every member's predict.
    const viewed = feed.channelsFirst || feed.dtype !== 'float32';
    if (viewed) modelInputs = await withEngine(async () => inputs.map((x) => feedTensor(x, { ...feed, fixed: [] })));
    localise.start({ group, rep, inputs: modelInputs.length ? modelInputs : inputs });
    lie.start({ group, rep, probes: inputs[0]!, inputDtype: feed.dtype, channelsFirst: feed.channelsFirst, toModel: viewed ? (x) => feedTensor(x, { ...feed, fixed: [] }) : undefined });

    const orbits: Orbit[] = [];
    const results: MemberResult[] = [];
    let predictSeconds = 0;
    let outputShape: number[] = [];
    let kind: KindEvidence | null = null;
    // Members with NaN/Infinity are findings, not crashes; those with such outputs are left out.
    const memberFindings: Finding[] = [];
    const excluded: ExcludedMember[] = [];
    // A member that stayed in its worker: its signatures join in member order, as a load here would add them.
    const takeAway = async (away: Promise<AwayMember>, path: string, k: number) => {
      const r = await away.catch((e: unknown) => {
        throw asInputError(e, path);
      });
      if (r.scan) checkpoint.addScan(path, show(path), r.scan);
      localise.addPart(r.layers ?? null);
      lie.addPart(r.lie ?? null, show(path));
      host.onEvent?.({ kind: 'progress', done: (k + 1) * m, total: selected.length * m, member: k });
      return { current: { path, nonFiniteWeights: r.nonFiniteWeights }, evaluation: r.evaluation };
    };
    for (const [k, i] of selected.entries()) {
      cancelled();
      if (k > 0) await hooks.before?.(i);
      const away = model === null ? (hooks.remote?.(i) ?? null) : null;
      const { current, evaluation } = away
        ? await takeAway(away, members[i]!, k)
        : await withEngine(async () => {
            cancelled(); // the turn may come long after the check above
            model ??= await loadModel(host.fs, members[i]!, { limits, onWeights: signWeights(members[i]!), onnx: host.onnx, engine: spec.engine });
            const current = model;
            const delegated = await Promise.resolve(hooks.evaluate?.(i, current) ?? null).catch((e: unknown) => {
              throw asInputError(e, current.path);
            });
            const evaluation = delegated
              ? delegated.evaluation
              : await evaluateMember(current, modelInputs.length ? modelInputs : inputs, rep, {
                  // Member layer names differ (tfjs numbers them per session): choose by name only when asked.
                  input: spec.inputName === undefined ? undefined : input.name,
                  output: spec.outputName,
                  batchSize: spec.batchSize,
                  // Already laid out and cast: predict only adds the fixed inputs.
                  feed: modelInputs.length ? { ...feed, channelsFirst: false } : feed,
                  now,
                  onElement: (g) => host.onEvent?.({ kind: 'progress', done: k * m + g + 1, total: selected.length * m, member: k }),
                }).catch((e: unknown) => {
                  throw asInputError(e, current.path);
                });
            if (delegated) host.onEvent?.({ kind: 'progress', done: (k + 1) * m, total: selected.length * m, member: k });
            // Members with non-finite outputs are left out of every statistic, per-layer ones too.
            const finite = !nonFiniteCount(evaluation.orbit);
            const predictOpts = { input: spec.inputName === undefined ? undefined : input.name, output: spec.outputName, batchSize: spec.batchSize, feed };
            // Per-layer floors and the Lie derivative of this member: its worker's (delegated), else run here.
            const predict = (x: tf.Tensor) => current.predict(x, predictOpts);
            const parts = delegated ?? {
              layers: finite ? await localise.part(current) : null,
              lie: finite ? await lie.part(current, predict, cancelled).catch((e: unknown) => Promise.reject(asInputError(e, current.path))) : null,
            };
            if (hooks.onEvaluated) {
              const scan = (checkpoint as Partial<RecordingCollector>).scan?.(current.path);
              hooks.onEvaluated(i, { evaluation, nonFiniteWeights: current.nonFiniteWeights, scan, layers: parts.layers, lie: parts.lie });
            } else {
              localise.addPart(parts.layers ?? null);
              lie.addPart(parts.lie ?? null, show(members[i]!));
            }
            current.dispose();
            model = null;
            return { current, evaluation };
          });
      if (current.nonFiniteWeights) memberFindings.push(nonFiniteWeightsFinding(show(current.path), current.nonFiniteWeights));
      predictSeconds += evaluation.predictSeconds;
      const bad = nonFiniteCount(evaluation.orbit);
      if (bad) {
        excluded.push({ path: current.path, bad, total: evaluation.orbit.moved.length });
        memberFindings.push(nonFiniteOutputFinding(show(current.path), bad, evaluation.orbit.moved.length));
        continue;
      }
      if (kind === null) {
        outputShape = evaluation.outputShape;
        kind = withFile(first.path, () => outputKindOf(evaluation.orbit, outputShape, first.finalActivation(output.name), { outputKind: spec.outputKind, representation: rep.kind }));
      }
      orbits.push(evaluation.orbit);
      const result: MemberResult = memberResult(show(members[i]!), evaluation.orbit, kind, rep);
      results.push(result);
      host.onEvent?.({ kind: 'member', index: k, result });
    }
    cancelled();
    // A shard may hold only such members; merge decides over all of them.
    if (!orbits.length && !shard) throw noFiniteMember(excluded, root);

    const evaluated = {
      first,
      input,
      inputReport: plan.report,
      output,
      group,
      rep,
      repOptions,
      probes,
      interpolationFloor: resamplingFloor,
      checkpoint,
      localise,
      lie,
      orbits,
      results,
      memberFindings,
      excluded,
      predictSeconds,
      outputShape,
      kind,
    };
    return await finish({ ...setup, evaluated });
  } finally {
    model?.dispose();
    disposeAll(inputs);
    disposePlan(plan);
    disposeAll(modelInputs);
    localise.dispose();
    lie.dispose();
  }
}

/** Runs `f`, giving an EquiLensError that names no file the model's `file`. */
function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof EquiLensError && !e.file) throw new EquiLensError(file, e.problem);
    throw e;
  }
}

function pick<T extends { name: string }>(list: readonly T[], name: string | undefined, what: string, file: string): T {
  if (!list.length) throw new EquiLensError(file, `model has no ${what}s`);
  if (name === undefined) return list[0]!;
  const found = findByName(list, name);
  if (!found) throw new EquiLensError(file, `no ${what} named '${name}' (has: ${list.map((t) => t.name).join(', ')})`);
  return found;
}

/** Errors from tfjs while running a member become one line naming that member's file. */
function asInputError(e: unknown, file: string): Error {
  // A pool worker's evaluation rejects with AuditCancelled when the audit is cancelled: a quiet stop.
  if (e instanceof EquiLensError || e instanceof AuditCancelled) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new EquiLensError(file, `evaluation failed: ${msg.split('\n')[0]}`);
}

export function fmtShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(',')}]`;
}
