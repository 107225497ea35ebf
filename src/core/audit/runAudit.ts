import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { GROUP_NAMES, makeGroup, parseRepresentation } from '../groups';
import { relativeTo } from '../io/paths';
import { checkpointCollector } from '../checks/checkpoint';
import { checkInputFits, discoverMembers, loadModel, readModelJson } from '../load';
import { resolveLimits } from '../load/limits';
import type { LoadedModel } from '../load/types';
import { loadProbes, parseNpy } from '../probes';
import type { Orbit } from '../stats/types';
import type { Finding } from '../checks/findings';
import type { AuditReport, MemberResult } from '../report/types';
import { recordingCollector } from '../shard/checkpoint';
import { shardMembers } from '../shard/select';
import type { ShardSelection } from '../shard/types';
import { finishReport } from './finishReport';
import { memberResult, outputKindOf, type KindEvidence } from './memberKind';
import type { MemberRun } from './memberRun';
import { evaluateMember } from './evaluateMember';
import { nonFiniteCount, nonFiniteOutputFinding, nonFiniteWeightsFinding, noFiniteMember, type ExcludedMember } from './numerics';
import { withEngine } from './engineLock';
import { localisation } from '../localise';
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
export async function runAudit(spec: AuditSpec, host: AuditHost): Promise<AuditReport> {
  return auditMembers(spec, host, undefined, (run) => finishReport(run, spec, host));
}

/**
 * runAudit's streaming part, shared with `--shard` (shard/runShard.ts): runs the `shard`'s members
 * (all when undefined) and hands what it collected to `finish`, while the probes' tensors live.
 */
export async function auditMembers<T>(spec: AuditSpec, host: AuditHost, shard: ShardSelection | undefined, finish: (run: MemberRun) => T | Promise<T>): Promise<T> {
  if (host.signal?.aborted) throw new AuditCancelled(); // cancelled before it began: read nothing
  const now = host.now ?? (() => performance.now() / 1000);
  const started = now();
  const limits = resolveLimits(spec.limits);
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
  const signWeights = (path: string) => (specs: readonly tf.io.WeightsManifestEntry[], bytes: Uint8Array) => checkpoint.add(path, show(path), specs, bytes);
  let model: LoadedModel | null = await withEngine(() => loadModel(host.fs, firstPath, { json: selected[0] === 0 ? firstJson : undefined, limits, onWeights: signWeights(firstPath) }));
  let inputs: tf.Tensor[] = [];
  try {
    const first = model;
    const input = pick(first.inputs, spec.inputName, 'input', first.path);
    const output = pick(first.outputs, spec.outputName, 'output', first.path);
    const sampleShape = await resolveSampleShape(host, spec, first.path, input.name, input.shape);
    // A known group that cannot act on this input (non-square, wrong rank) is the model's
    // mismatch: name its file, as every model error does (found by scripts/fuzz.ts).
    const makeIt = () => makeGroup(spec.group, sampleShape, { seed: spec.seed });
    const group = GROUP_NAMES.includes(spec.group) ? withFile(first.path, makeIt) : makeIt();
    const probes = await loadProbes(
      host.fs,
      { path: spec.probes, count: spec.probesCount, seed: spec.seed, sampleShape, layout: group.layout, mean: spec.mean, std: spec.std },
      host.decodeImage,
    );
    if (spec.probes) probes.description = probes.description.split(spec.probes).join(show(spec.probes));
    checkInputFits(first, probes.shape.slice(1), input.name);
    const rep = parseRepresentation(spec.output, group, output.shape);
    const m = group.elements.length;
    host.onEvent?.({ kind: 'started', members: selected.map((i) => show(members[i]!)), group: group.name, order: m, probes: probes.shape[0]! });
    inputs = await withEngine(async () => orbitInputs(group, probes));
    localise.start({ group, rep, inputs });

    const orbits: Orbit[] = [];
    const results: MemberResult[] = [];
    let predictSeconds = 0;
    let outputShape: number[] = [];
    let kind: KindEvidence | null = null;
    // Members with NaN/Infinity are findings, not crashes; those with such outputs are left out.
    const memberFindings: Finding[] = [];
    const excluded: ExcludedMember[] = [];
    for (const [k, i] of selected.entries()) {
      cancelled();
      const { current, evaluation } = await withEngine(async () => {
        cancelled(); // the turn may come long after the check above
        model ??= await loadModel(host.fs, members[i]!, { limits, onWeights: signWeights(members[i]!) });
        const current = model;
        const evaluation = await evaluateMember(current, inputs, rep, {
          // Member layer names differ (tfjs numbers them per session): choose by name only when asked.
          input: spec.inputName,
          output: spec.outputName,
          batchSize: spec.batchSize,
          now,
          onElement: (g) => host.onEvent?.({ kind: 'progress', done: k * m + g + 1, total: selected.length * m, member: k }),
        }).catch((e: unknown) => {
          throw asInputError(e, current.path);
        });
        // Members with non-finite outputs are left out of every statistic, per-layer ones too.
        if (!nonFiniteCount(evaluation.orbit)) await localise.add(current);
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
        kind = outputKindOf(evaluation.orbit, outputShape, first.finalActivation);
      }
      orbits.push(evaluation.orbit);
      const result: MemberResult = memberResult(show(members[i]!), evaluation.orbit, kind!);
      results.push(result);
      host.onEvent?.({ kind: 'member', index: k, result });
    }
    cancelled();
    // A shard may hold only such members; merge decides over all of them.
    if (!orbits.length && !shard) throw noFiniteMember(excluded, root);

    const evaluated = { first, input, output, group, rep, probes, checkpoint, localise, orbits, results, memberFindings, excluded, predictSeconds, outputShape, kind };
    return await finish({ ...setup, evaluated });
  } finally {
    model?.dispose();
    disposeAll(inputs);
    localise.dispose();
  }
}

/**
 * The per-sample input shape. A fully convolutional model leaves sizes open ([null,null,null,3]):
 * then a .npy probe file decides them; synthetic probes and image folders cannot.
 */
async function resolveSampleShape(host: AuditHost, spec: AuditSpec, file: string, name: string, shape: readonly (number | null)[]): Promise<number[]> {
  const sample = shape.slice(1);
  if (sample.every((d): d is number => d !== null)) return sample;
  if (spec.probes?.toLowerCase().endsWith('.npy')) {
    const npy = parseNpy(await host.fs.readFile(spec.probes), spec.probes);
    const fromFile = npy.shape.length === sample.length + 1 ? npy.shape.slice(1) : npy.shape;
    if (fromFile.length === sample.length && sample.every((d, i) => d === null || d === fromFile[i])) return fromFile;
  }
  throw new EquiLensError(file, `input '${name}' has unknown size ${fmtShape(shape)}: pass --probes with a .npy file of that shape`);
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
  const found = list.find((t) => t.name === name);
  if (!found) throw new EquiLensError(file, `no ${what} named '${name}' (has: ${list.map((t) => t.name).join(', ')})`);
  return found;
}

/** Errors from tfjs while running a member become one line naming that member's file. */
function asInputError(e: unknown, file: string): Error {
  if (e instanceof EquiLensError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new EquiLensError(file, `evaluation failed: ${msg.split('\n')[0]}`);
}

export function fmtShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(',')}]`;
}
