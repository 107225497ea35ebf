import type { AuditReport } from '../report/types';
import { assembleReport, groupSection, modelSection, setupSections } from './assembleReport';
import type { MemberRun } from './memberRun';
import { probePictures } from './pictures';
import type { AuditHost, AuditSpec } from './spec';

/** runAudit's finisher: the report from one run's members (per-layer floors and pictures included). */
export function finishReport(run: MemberRun, spec: AuditSpec, host: AuditHost): AuditReport {
  const e = run.evaluated!;
  const { report, mean } = assembleReport(
    {
      backend: host.backend,
      compute: host.compute,
      model: modelSection(e.first, e.input, e.output),
      group: groupSection(e.group),
      ...setupSections(e.rep, e.probes),
      kind: e.kind!,
      orbits: e.orbits,
      results: e.results,
      seed: spec.seed,
      json: run.firstJson,
      checkpoint: e.checkpoint,
      memberFindings: e.memberFindings,
      predictSeconds: e.predictSeconds,
    },
    (r) => e.localise.finish(r),
  );
  if (spec.pictures) report.pictures = probePictures(mean, e.probes, e.group, e.outputShape.slice(1), spec.pictures);
  report.timing.totalSeconds = run.now() - run.started;
  host.onEvent?.({ kind: 'finished', report });
  return report;
}
