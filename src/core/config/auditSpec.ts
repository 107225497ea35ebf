import type { AuditSpec } from '../audit/spec';
import { joinPath } from '../io/paths';
import type { ResolvedAudit } from './types';

/**
 * The spec fields a config audit sets (probes relative to the config's folder `root`; all of a
 * probe file unless `count` caps it, 32 synthetic probes otherwise), shared by `equilens check`
 * and the editor's Check Workspace so both measure the same.
 */
export function configAuditSpec(a: ResolvedAudit, root: string): Omit<AuditSpec, 'targets' | 'group' | 'output'> {
  return {
    probes: a.probes.path === undefined ? undefined : joinPath(root, a.probes.path),
    probesCount: a.probes.count ?? (a.probes.path === undefined ? 32 : Infinity),
    seed: a.seed,
    batchSize: a.batchSize,
    inputName: a.inputName,
    outputName: a.outputName,
    ...(a.inputLayout && a.inputLayout !== 'auto' && { inputLayout: a.inputLayout }),
    ...(a.inputShape && { inputShape: a.inputShape }),
    ...(a.fixedInputs && { fixedInputs: Object.fromEntries(Object.entries(a.fixedInputs).map(([k, v]) => [k, joinPath(root, v)])) }),
    ...(a.outputKind && a.outputKind !== 'auto' && { outputKind: a.outputKind }),
    mean: a.probes.mean,
    std: a.probes.std,
    localise: a.localise,
    ...(a.lie && { lie: true }),
    ...(a.engine && a.engine !== 'auto' && { engine: a.engine }),
  };
}
