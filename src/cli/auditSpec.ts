import type { AuditSpec } from '../core/audit/spec';
import { toPosix } from '../node/nodeFiles';
import type { AuditOptions } from './auditOptions';
import { limitsFromOptions } from './limitOptions';
import { inputSpec } from './inputOptions';

/** The engine's spec from the command line (paths as given, shown relative to the working directory). */
export function auditSpec(models: string[], o: AuditOptions): AuditSpec {
  return {
    targets: models.map(toPosix),
    group: o.group,
    output: o.output,
    probes: o.probes === undefined ? undefined : toPosix(o.probes),
    probesCount: o.probesCount ?? (o.probes === undefined ? 32 : Infinity),
    seed: o.seed,
    batchSize: o.batchSize,
    inputName: o.inputName,
    outputName: o.outputName,
    ...(o.outputKind && o.outputKind !== 'auto' && { outputKind: o.outputKind }),
    ...inputSpec(o),
    mean: o.mean,
    std: o.std,
    displayBase: toPosix(process.cwd()),
    limits: limitsFromOptions(o),
    localise: o.localise === false ? false : undefined,
    ...(o.lie && { lie: true }),
    ...(o.engine && o.engine !== 'auto' && { engine: o.engine }),
  };
}
