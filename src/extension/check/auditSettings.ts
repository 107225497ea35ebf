import type { AuditSpec } from '../../core/audit/spec';
import type { ResolvedAudit } from '../../core/config/types';
import { joinPath } from '../../core/io/paths';
import type { BackendSetting } from '../../protocol';

/** The spec fields a config audit sets, exactly as `equilens check` passes them, so both measure the same. */
export function configSpec(a: ResolvedAudit, root: string): Partial<AuditSpec> {
  return {
    probes: a.probes.path === undefined ? undefined : joinPath(root, a.probes.path),
    // All of a probe file unless `count` caps it; 32 synthetic ones otherwise (the CLI's defaults).
    probesCount: a.probes.count ?? (a.probes.path === undefined ? 32 : Infinity),
    seed: a.seed,
    batchSize: a.batchSize,
    inputName: a.inputName,
    outputName: a.outputName,
    mean: a.probes.mean,
    std: a.probes.std,
    localise: a.localise,
  };
}

/** The config's backend when it names one; 'auto' leaves the choice to the equilens.backend setting. */
export function configBackend(a: ResolvedAudit): BackendSetting | undefined {
  const b = a.backend as BackendSetting;
  return b === 'auto' ? undefined : b;
}
