import { evaluateThresholds } from '../../core/ci/thresholds';
import type { AuditOutcome } from '../../core/ci/types';
import type { AuditUnit } from '../../core/ci/units';
import { configAuditSpec } from '../../core/config/auditSpec';
import { hostLimits } from '../limitOptions';
import type { AuditReport } from '../../core/report/types';
import { initBackend, type BackendChoice, type BackendInfo } from '../../node/backend';
import { nodeCompute } from '../../node/computeInfo';
import { nodeOnnxEngine } from '../../node/onnxEngine';
import { decodeImage } from '../../node/imageDecoder';
import { nodeFiles } from '../../node/nodeFiles';
import { progressReporter } from '../progress';
import { runAuditPool } from '../../node/pool/auditPool';

/**
 * Audits each unit in turn (one engine, one backend at a time; its members in worker threads:
 * `workers` from --workers, else the audit's `workers`, else runAuditPool's default) and checks its thresholds: stage two.
 */
export async function runUnits(units: readonly AuditUnit[], root: string, workers?: number): Promise<AuditOutcome[]> {
  const out: AuditOutcome[] = [];
  for (const unit of units) {
    const report = await auditUnit(unit, root, workers ?? unit.audit.workers);
    const a = unit.audit;
    out.push({
      name: unit.name,
      audit: { name: a.name, index: a.index, models: a.models, group: a.group, output: a.output, thresholds: a.thresholds },
      report,
      checks: evaluateThresholds(report, a.thresholds),
      baseline: null,
    });
  }
  return out;
}

let current: { choice: string; info: BackendInfo } | null = null;

async function auditUnit(unit: AuditUnit, root: string, workers: number | undefined): Promise<AuditReport> {
  const a = unit.audit;
  const choice = a.backend as BackendChoice;
  // tfjs has one active backend: initialised again only when an audit asks for another.
  if (current?.choice !== choice) current = { choice, info: await initBackend(choice) };
  const backend = current.info;
  const progress = progressReporter(process.stderr);
  return runAuditPool(
    {
      targets: unit.targets,
      group: a.group,
      output: a.output,
      ...configAuditSpec(a, root),
      // Report paths relative to the config's folder: SARIF, baselines and the summary all use them.
      displayBase: root,
      // The memory budget is this machine's (half its memory, at most 8 GiB), as for equilens audit.
      limits: hostLimits(),
    },
    { fs: nodeFiles, backend: backend.description, compute: nodeCompute('cli', backend), decodeImage, onnx: nodeOnnxEngine(), onEvent: progress.onEvent },
    { backend: choice },
    workers,
  ).finally(progress.stop);
}
