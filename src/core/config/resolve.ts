import type { AuditEntry, AuditSettings, EquiLensConfig, ProbesConfig, ResolvedAudit, ThresholdName, Thresholds } from './types';
import { THRESHOLD_NAMES } from './types';

/** The same defaults `equilens audit` uses, so a config that sets nothing audits like the CLI. */
const BUILT_IN = { group: 'c4', output: 'invariant', backend: 'auto', seed: 0 };

/** Each audit with `defaults` merged in: its own setting wins; thresholds merge key by key. */
export function resolveAudits(config: EquiLensConfig): ResolvedAudit[] {
  const d = config.defaults ?? {};
  return config.audits.map((a, index) => resolveOne(a, d, index));
}

function resolveOne(a: AuditEntry, d: AuditSettings, index: number): ResolvedAudit {
  const models = typeof a.models === 'string' ? [a.models] : a.models;
  return {
    name: a.name ?? models[0]!,
    index,
    models,
    group: a.group ?? d.group ?? BUILT_IN.group,
    output: outputString(a.output ?? d.output ?? BUILT_IN.output),
    probes: probesObject(a.probes ?? d.probes),
    backend: a.backend ?? d.backend ?? BUILT_IN.backend,
    seed: a.seed ?? d.seed ?? BUILT_IN.seed,
    batchSize: a.batchSize ?? d.batchSize,
    ...((a.workers ?? d.workers) !== undefined && { workers: a.workers ?? d.workers }),
    inputName: a.inputName ?? d.inputName,
    ...inputSettings(a, d),
    outputName: a.outputName ?? d.outputName,
    ...((a.outputKind ?? d.outputKind) !== undefined && { outputKind: a.outputKind ?? d.outputKind }),
    localise: a.localise ?? d.localise,
    ...((a.lie ?? d.lie) !== undefined && { lie: a.lie ?? d.lie }),
    ...((a.engine ?? d.engine) !== undefined && { engine: a.engine ?? d.engine }),
    thresholds: mergeThresholds(d.thresholds, a.thresholds),
  };
}

/** The input settings of issue 12: the audit's own win; fixed inputs merge name by name. */
function inputSettings(a: AuditSettings, d: AuditSettings): Pick<ResolvedAudit, 'inputLayout' | 'inputShape' | 'fixedInputs'> {
  const layout = a.inputLayout ?? d.inputLayout;
  const shape = a.inputShape ?? d.inputShape;
  const fixed = a.fixedInputs || d.fixedInputs ? { ...d.fixedInputs, ...a.fixedInputs } : undefined;
  return {
    ...(layout !== undefined && { inputLayout: layout }),
    ...(shape !== undefined && { inputShape: typeof shape === 'string' ? shape.split('x').map(Number) : shape }),
    ...(fixed && { fixedInputs: fixed }),
  };
}

/** Defaults then the audit's own; a null removes the limit. */
export function mergeThresholds(base: Thresholds = {}, own: Thresholds = {}): Partial<Record<ThresholdName, number>> {
  const out: Partial<Record<ThresholdName, number>> = {};
  for (const k of THRESHOLD_NAMES) {
    const v = k in own ? own[k] : base[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/** `{ classes: { 'flip-h': [1, 0, 2] } }` → 'classes:flip-h=1,0,2', the form the engine parses. */
export function outputString(o: NonNullable<AuditSettings['output']>): string {
  if (typeof o === 'string') return o;
  return `classes:${Object.entries(o.classes)
    .map(([gen, perm]) => `${gen}=${perm.join(',')}`)
    .join(';')}`;
}

function probesObject(p: string | ProbesConfig | undefined): ProbesConfig {
  return typeof p === 'string' ? { path: p } : { ...(p ?? {}) };
}
