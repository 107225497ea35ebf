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
    inputName: a.inputName ?? d.inputName,
    outputName: a.outputName ?? d.outputName,
    localise: a.localise ?? d.localise,
    thresholds: mergeThresholds(d.thresholds, a.thresholds),
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
  return `classes:${Object.entries(o.classes).map(([gen, perm]) => `${gen}=${perm.join(',')}`).join(';')}`;
}

function probesObject(p: string | ProbesConfig | undefined): ProbesConfig {
  return typeof p === 'string' ? { path: p } : { ...(p ?? {}) };
}
