import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { GROUP_NAMES, makeGroup, parseRepresentation } from '../groups';
import { relativeTo } from '../io/paths';
import { analyzeTopology } from '../checks';
import { checkInputFits, discoverMembers, loadModel, readModelJson } from '../load';
import type { LoadedModel } from '../load/types';
import { loadProbes, parseNpy } from '../probes';
import { detectOutputKind, ensembleStats, functionMetrics, meanOrbit } from '../stats';
import { median, relErrorPerElement } from '../stats/elementErrors';
import type { Orbit } from '../stats/types';
import { VERSION } from '../version';
import type { AuditReport, MemberResult } from '../report/types';
import { evaluateMember } from './evaluateMember';
import { disposeAll, orbitInputs } from './orbitInputs';
import { probePictures } from './pictures';
import type { AuditHost, AuditSpec } from './spec';
import { outputWarnings } from './warnings';

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
  const now = host.now ?? (() => performance.now() / 1000);
  const started = now();
  const { members } = await discoverMembers(host.fs, spec.targets);
  const show = (p: string) => (spec.displayBase ? relativeTo(spec.displayBase, p) : p);
  const cancelled = () => {
    if (host.signal?.aborted) throw new AuditCancelled();
  };

  // Read once: the first member's JSON serves both loading and the static checks.
  const firstJson = await readModelJson(host.fs, members[0]!);
  let model: LoadedModel | null = await loadModel(host.fs, members[0]!, { json: firstJson });
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
    host.onEvent?.({ kind: 'started', members: members.map(show), group: group.name, order: m, probes: probes.shape[0]! });
    inputs = orbitInputs(group, probes);

    const orbits: Orbit[] = [];
    const results: MemberResult[] = [];
    let predictSeconds = 0;
    let outputShape: number[] = [];
    let kind: ReturnType<typeof detectOutputKind> | null = null;
    for (let i = 0; i < members.length; i++) {
      cancelled();
      model ??= await loadModel(host.fs, members[i]!);
      const current = model;
      const evaluation = await evaluateMember(current, inputs, rep, {
        // Member layer names differ (tfjs numbers them per session): choose by name only when asked.
        input: spec.inputName,
        output: spec.outputName,
        batchSize: spec.batchSize,
        now,
        onElement: (g) => host.onEvent?.({ kind: 'progress', done: i * m + g + 1, total: members.length * m, member: i }),
      }).catch((e: unknown) => {
        throw asInputError(e, current.path);
      });
      current.dispose();
      model = null;
      assertFinite(evaluation.orbit, current.path);
      predictSeconds += evaluation.predictSeconds;
      if (i === 0) {
        outputShape = evaluation.outputShape;
        const { B, D } = evaluation.orbit.dims;
        kind = detectOutputKind({
          identityOutputs: identityRows(evaluation.orbit),
          B,
          D,
          outputRank: outputShape.length,
          finalActivation: first.finalActivation,
        });
      }
      orbits.push(evaluation.orbit);
      const result: MemberResult = { path: show(members[i]!), ...functionMetrics(evaluation.orbit, kind!.kind) };
      results.push(result);
      host.onEvent?.({ kind: 'member', index: i, result });
    }
    cancelled();

    const outKind = kind!.kind;
    const mean = orbits.length > 1 ? meanOrbit(orbits) : orbits[0]!;
    const stats = orbits.length > 1 ? ensembleStats(orbits, outKind, { seed: spec.seed }) : null;
    const memberElement = orbits.map(relErrorPerElement);
    const ensembleElement = relErrorPerElement(mean);
    const report: AuditReport = {
      schemaVersion: 1,
      tool: { name: 'equilens', version: VERSION },
      createdAt: new Date().toISOString(),
      backend: host.backend,
      model: {
        format: first.format,
        fingerprint: first.fingerprint,
        input: { name: input.name, shape: input.shape },
        output: { name: output.name, shape: output.shape },
        finalActivation: first.finalActivation,
      },
      group: {
        name: group.name,
        order: m,
        fullOrder: group.fullOrder,
        sampled: group.sampled,
        elements: group.elements.map((e) => e.name),
      },
      representation: { kind: rep.kind, description: rep.description },
      probes: { count: probes.shape[0]!, source: probes.source, shape: probes.shape, description: probes.description },
      outputKind: outKind,
      outputKindReason: kind!.reason,
      members: results,
      ensemble: stats && { size: orbits.length, ...functionMetrics(mean, outKind), ...stats },
      perElement: group.elements.slice(1).map((e, j) => ({
        element: e.name,
        ensembleRelError: ensembleElement[j + 1] ?? null,
        memberMedianRelError: median(memberElement.map((r) => r[j + 1] ?? null)),
      })),
      warnings: [],
      findings: analyzeTopology(firstJson, group.name, input.shape),
      timing: { totalSeconds: 0, predictSeconds },
    };
    report.warnings = outputWarnings(report, mean);
    if (spec.pictures) report.pictures = probePictures(mean, probes, group, outputShape.slice(1), spec.pictures);
    report.timing.totalSeconds = now() - started;
    host.onEvent?.({ kind: 'finished', report });
    return report;
  } finally {
    model?.dispose();
    disposeAll(inputs);
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

function identityRows(o: Orbit): Float32Array {
  const { B, m, D } = o.dims;
  const out = new Float32Array(B * D);
  for (let b = 0; b < B; b++) out.set(o.moved.subarray(b * m * D, b * m * D + D), b * D);
  return out;
}

/** Errors from tfjs while running a member become one line naming that member's file. */
function asInputError(e: unknown, file: string): Error {
  if (e instanceof EquiLensError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new EquiLensError(file, `evaluation failed: ${msg.split('\n')[0]}`);
}

/** NaN/Inf outputs would turn every statistic into NaN: stop with the member named instead. */
function assertFinite(o: Orbit, file: string): void {
  let bad = 0;
  for (const v of o.moved) if (!Number.isFinite(v)) bad++;
  if (bad) throw new EquiLensError(file, `outputs contain NaN or Infinity (${bad} of ${o.moved.length} values)`);
}

export function fmtShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(',')}]`;
}
