import type { AuditReport } from '../report/types';
import { assembleReport, groupSection, modelSection, setupSections } from './assembleReport';
import type { MemberRun } from './memberRun';
import { probePictures } from './pictures';
import type { LoadedModel } from '../load/types';
import type { AuditHost, AuditSpec } from './spec';
import { outputRules } from './outputRules';

/** runAudit's finisher: the report from one run's members (per-layer floors and pictures included). */
export function finishReport(run: MemberRun, spec: AuditSpec, host: AuditHost): AuditReport {
  const e = run.evaluated!;
  const { backend, compute } = reportEngine(e.first, host);
  const { report, mean } = assembleReport(
    {
      backend,
      compute,
      model: modelSection(e.first, e.input, e.output, e.inputReport, e.outputShape),
      group: groupSection(e.group, e.interpolationFloor),
      ...setupSections(e.rep, e.probes),
      kind: e.kind!,
      orbits: e.orbits,
      results: e.results,
      seed: spec.seed,
      json: run.firstJson,
      checkpoint: e.checkpoint,
      memberFindings: e.memberFindings,
      predictSeconds: e.predictSeconds,
      output: outputRules(spec.output, e),
    },
    (r) => {
      e.localise.finish(r);
      e.lie.finish(r);
    },
  );
  if (spec.pictures) report.pictures = probePictures(mean, e.probes, e.group, e.outputShape.slice(1), spec.pictures);
  report.timing.totalSeconds = run.now() - run.started;
  host.onEvent?.({ kind: 'finished', report });
  return report;
}

/** The report's backend and compute: the engine the (first) member ran on. */
export function reportEngine(first: Pick<LoadedModel, 'format' | 'engine'>, host: AuditHost): { backend: string; compute: AuditHost['compute'] } {
  const onnx = first.format === 'onnx' ? host.onnx : undefined;
  // ONNX members ran on the host's ONNX engine, not on the tfjs backend.
  if (onnx) return { backend: onnx.describe(), compute: { place: host.compute?.place ?? 'library', adapter: onnx.adapter(), software: null, reason: `ONNX model: ${onnx.describe()}` } };
  const engine = first.engine;
  // TF.js members: translated to ONNX (onnxruntime's description), or tfjs with why they were not.
  if (!engine) return { backend: host.backend, compute: host.compute };
  if ('onnx' in engine) {
    const adapter = host.onnx?.adapter() ?? null;
    return { backend: engine.onnx, compute: { place: host.compute?.place ?? 'library', adapter, software: null, reason: `TF.js model translated to ONNX: ${engine.onnx}` } };
  }
  const reason = `${host.backend}: ${engine.fallback}`;
  return { backend: host.backend, compute: host.compute ? { ...host.compute, reason } : undefined };
}
