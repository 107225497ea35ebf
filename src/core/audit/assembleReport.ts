import { adviseFixes } from '../advice';
import { wholeModelInputSize } from '../advice/inputSize';
import { symmetricPaddingHolds } from '../advice/premise';
import { analyzeTopology } from '../checks';
import { mergeFrozenFindings } from '../checks/frozenSummary';
import type { CheckpointCollector } from '../checks/checkpoint';
import type { Finding } from '../checks/findings';
import type { Group, Representation } from '../groups/types';
import type { ModelJson } from '../load/modelJson';
import type { LoadedModel } from '../load/types';
import type { ProbeSet } from '../probes/types';
import type { AuditReport, ComputeInfo, MemberResult } from '../report/types';
import { ensembleStats, functionMetrics, meanOrbit } from '../stats';
import { median, relErrorPerElement } from '../stats/elementErrors';
import type { Orbit } from '../stats/types';
import { VERSION } from '../version';
import type { KindEvidence } from './memberKind';
import { outputWarnings } from './warnings';
import { degenerateOutputFinding, lowVariationWarning } from './degenerate';
import { notMeasurable } from '../report/measurable';
import { representationMismatch, type RepAlternative } from './representationMismatch';
import { pointErrorPx } from '../stats/pointError';

/** The warning an ONNX report carries: the static (architecture) checks walk TF.js topologies only. */
export const ONNX_NO_STATIC_CHECKS = 'static checks (padding, strides, kernels, pooling…) are not available for ONNX models: no architecture findings were looked for';

/** Everything the report is made of once the members have run: one run's, or merged shards'. */
export interface ReportInputs {
  backend: string;
  compute?: ComputeInfo;
  /** Sections from member 0 and the run's setup (see the *Section helpers). */
  model: AuditReport['model'];
  group: AuditReport['group'];
  representation: AuditReport['representation'];
  probes: AuditReport['probes'];
  kind: KindEvidence;
  /** Orbits and rows of the members with finite outputs, in member order. */
  orbits: readonly Orbit[];
  results: MemberResult[];
  /** Seeds the bootstrap and the curve. */
  seed: number;
  /** Member 0's model JSON: the static checks read it, shared-checkpoint names its layers. */
  json: ModelJson;
  checkpoint: Pick<CheckpointCollector, 'constants' | 'findings'>;
  /** Findings made while running the members (non-finite weights/outputs), in member order. */
  memberFindings: Finding[];
  predictSeconds: number;
  /**
   * The representation as parsed and what it might have been instead: pointErrorPx and
   * representation-mismatch read them (absent: neither is computed).
   */
  output?: OutputRules;
}

/** The chosen ρ_out (spec as given) and its alternatives (representationMismatch.ts). */
export interface OutputRules {
  spec: string;
  rep: Representation;
  alternatives: readonly RepAlternative[];
}

/**
 * THEORY §3–4 statistics and the report from the members' orbits. runAudit and `equilens merge`
 * both end here, so a merged report is the single run's. `beforeFixes` adds what the fixes
 * read (runAudit: the per-layer floors). timing.totalSeconds is left to the caller.
 */
export function assembleReport(r: ReportInputs, beforeFixes: (report: AuditReport) => void): { report: AuditReport; mean: Orbit } {
  const { orbits, group } = r;
  const outKind = r.kind.kind;
  const mean = orbits.length > 1 ? meanOrbit(orbits) : orbits[0]!;
  // The mean's own metrics, computed once: the ensemble row and the curve's k = N point are the same numbers.
  const own = orbits.length > 1 ? functionMetrics(mean, outKind) : null;
  const stats = own ? ensembleStats(orbits, outKind, { seed: r.seed, ensemble: own }) : null;
  // The static checks at any input size: the report's, and the sizes the advice tries (advice/inputSize.ts).
  // Static checks read the real H and W: a channels-first input says so (inputLayout.ts).
  const channelsFirst = r.model.input.layout === 'NCHW' || r.model.input.layout === 'NCW';
  const analyze = (shape: (number | null)[], json = r.json, constants = r.checkpoint.constants()) => analyzeTopology(json, group.name, shape, { constants, channelsFirst });
  const memberElement = orbits.map(relErrorPerElement);
  const ensembleElement = relErrorPerElement(mean);
  const report: AuditReport = {
    schemaVersion: 1,
    tool: { name: 'equilens', version: VERSION },
    createdAt: new Date().toISOString(),
    backend: r.backend,
    ...(r.compute && { compute: r.compute }),
    model: r.model,
    group,
    representation: r.representation,
    probes: r.probes,
    outputKind: outKind,
    outputKindReason: r.kind.reason,
    members: r.results,
    ensemble: stats && own && { size: orbits.length, ...own, ...stats, ...ensemblePointError(r.output, mean) },
    perElement: group.elements.slice(1).map((e, j) => ({
      element: e,
      ensembleRelError: ensembleElement[j + 1] ?? null,
      memberMedianRelError: median(memberElement.map((row) => row[j + 1] ?? null)),
    })),
    warnings: [],
    findings: [
      // One line for every frozen layer, not one each (a pretrained backbone freezes a hundred).
      ...mergeFrozenFindings(analyze(r.model.input.shape)),
      ...r.memberFindings,
      ...r.checkpoint.findings(r.json),
      // Computed from the orbits the audit keeps: no second run (degenerate.ts).
      ...nonNull(
        degenerateOutputFinding(
          orbits,
          r.results.map((m) => m.path),
        ),
      ),
      // Recomputed from the kept orbit under other representations: no second run either.
      ...nonNull(r.output ? representationMismatch(r.output.spec, r.output.rep, r.output.alternatives, mean) : null),
    ],
    timing: { totalSeconds: 0, predictSeconds: r.predictSeconds },
  };
  report.warnings = outputWarnings(report, mean);
  // Said once: an ONNX report without architecture findings is unchecked, not clean.
  if (r.model.format === 'onnx') report.warnings.push(ONNX_NO_STATIC_CHECKS);
  const low = notMeasurable(report) ? null : lowVariationWarning(mean, report.ensemble ? report.ensemble.relError : (report.members[0]?.relError ?? null));
  if (low) report.warnings.push(low);
  beforeFixes(report);
  // What the advice checks by walking the model again: extras, so a model they cannot walk at another
  // size (or changed) gets the plain advice, never a failed audit.
  report.fixes = adviseFixes(report, {
    inputSize: orNull(() => wholeModelInputSize(report, (shape) => analyze(shape))),
    // Would symmetric padding make the net compatible? Walked on a changed copy (advice/premise.ts).
    premises: { symmetricPadding: orNull(() => symmetricPaddingHolds(report.findings, r.json, r.checkpoint.constants(), group.name, r.model.input.shape, analyze, channelsFirst)) },
  });
  return { report, mean };
}

/** { pointErrorPx } of the ensemble mean for points representations, else nothing. */
function ensemblePointError(output: OutputRules | undefined, mean: Orbit): { pointErrorPx?: number } {
  const px = output?.rep.points ? pointErrorPx(mean, output.rep.points) : null;
  return px === null ? {} : { pointErrorPx: px };
}

/**
 * The report's model section, from member 0 and the input/output audited; `inputs` (the input
 * plan's: dtype, layout, fixed inputs) replaces the bare input when given.
 */
export function modelSection(
  first: LoadedModel,
  input: { name: string; shape: (number | null)[] },
  output: { name: string; shape: (number | null)[] },
  inputs?: Pick<AuditReport['model'], 'input' | 'fixedInputs'>,
  observedOutput: readonly number[] = [],
): AuditReport['model'] {
  return {
    format: first.format,
    fingerprint: first.fingerprint,
    input: inputs?.input ?? { name: input.name, shape: input.shape },
    ...(inputs?.fixedInputs && { fixedInputs: inputs.fixedInputs }),
    output: { name: output.name, shape: knownShape(output.shape, observedOutput) },
    finalActivation: first.finalActivation(output.name),
  };
}

/**
 * The output's shape as the file declares it, with what the members really output filled in
 * where the file leaves it open (graph outputs without a signature: [], or [1,?,?,16]); the
 * batch axis stays as declared.
 */
function knownShape(declared: readonly (number | null)[], observed: readonly number[]): (number | null)[] {
  if (!observed.length) return [...declared];
  if (!declared.length) return [null, ...observed.slice(1)];
  if (declared.length !== observed.length) return [...declared];
  return declared.map((d, i) => (d === null && i > 0 ? observed[i]! : d));
}

/** The report's group section; resampled rotations add their mask and interpolation floor (groups/continuous/floor.ts). */
export function groupSection(group: Group, interpolationFloor: number | null = null): AuditReport['group'] {
  const section: AuditReport['group'] = { name: group.name, order: group.elements.length, fullOrder: group.fullOrder, sampled: group.sampled, elements: group.elements.map((e) => e.name) };
  const mask = group.continuous?.mask;
  return mask ? { ...section, mask, interpolationFloor } : section;
}

/** The report's representation and probes sections. */
export function setupSections(rep: Representation, probes: ProbeSet): Pick<AuditReport, 'representation' | 'probes'> {
  return {
    representation: { kind: rep.kind, description: rep.description },
    probes: { count: probes.shape[0]!, source: probes.source, shape: probes.shape, description: probes.description },
  };
}

function nonNull<T>(x: T | null): T[] {
  return x === null ? [] : [x];
}

function orNull<T>(f: () => T | null): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
