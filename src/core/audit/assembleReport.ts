import { adviseFixes } from '../advice';
import { analyzeTopology } from '../checks';
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
  const stats = orbits.length > 1 ? ensembleStats(orbits, outKind, { seed: r.seed }) : null;
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
    ensemble: stats && { size: orbits.length, ...functionMetrics(mean, outKind), ...stats },
    perElement: group.elements.slice(1).map((e, j) => ({
      element: e,
      ensembleRelError: ensembleElement[j + 1] ?? null,
      memberMedianRelError: median(memberElement.map((row) => row[j + 1] ?? null)),
    })),
    warnings: [],
    findings: [
      ...analyzeTopology(r.json, group.name, r.model.input.shape, { constants: r.checkpoint.constants() }),
      ...r.memberFindings,
      ...r.checkpoint.findings(r.json),
    ],
    timing: { totalSeconds: 0, predictSeconds: r.predictSeconds },
  };
  report.warnings = outputWarnings(report, mean);
  beforeFixes(report);
  report.fixes = adviseFixes(report);
  return { report, mean };
}

/** The report's model section, from member 0 and the input/output audited. */
export function modelSection(first: LoadedModel, input: { name: string; shape: (number | null)[] }, output: { name: string; shape: (number | null)[] }): AuditReport['model'] {
  return {
    format: first.format,
    fingerprint: first.fingerprint,
    input: { name: input.name, shape: input.shape },
    output: { name: output.name, shape: output.shape },
    finalActivation: first.finalActivation,
  };
}

/** The report's group section. */
export function groupSection(group: Group): AuditReport['group'] {
  return { name: group.name, order: group.elements.length, fullOrder: group.fullOrder, sampled: group.sampled, elements: group.elements.map((e) => e.name) };
}

/** The report's representation and probes sections. */
export function setupSections(rep: Representation, probes: ProbeSet): Pick<AuditReport, 'representation' | 'probes'> {
  return {
    representation: { kind: rep.kind, description: rep.description },
    probes: { count: probes.shape[0]!, source: probes.source, shape: probes.shape, description: probes.description },
  };
}
