import type { AuditSpec } from '../../core/audit/spec';
import type { ResolvedAudit } from '../../core/config/types';
import { configAuditSpec } from '../../core/config/auditSpec';
import type { BackendSetting } from '../../protocol';

/** The spec fields a config audit sets, exactly as `equilens check` passes them (see configAuditSpec). */
export function configSpec(a: ResolvedAudit, root: string): Partial<AuditSpec> {
  return configAuditSpec(a, root);
}

/** The config's backend when it names one; 'auto' leaves the choice to the equilens.backend setting. */
export function configBackend(a: ResolvedAudit): BackendSetting | undefined {
  const b = a.backend as BackendSetting;
  return b === 'auto' ? undefined : b;
}
