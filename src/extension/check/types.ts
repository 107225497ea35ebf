import type { AuditOutcome } from '../../core/ci/types';
import type { ResolvedAudit } from '../../core/config/types';

/** One ensemble (or single model) a check audits. */
export interface CheckUnit {
  /** Unique label: the config audit's name (plus its folder when a glob found several), or the ensemble's label. */
  name: string;
  /** Absolute '/'-paths handed to the engine: a folder, or model files. */
  targets: string[];
  /** Absolute member model JSONs. */
  members: string[];
  group: string;
  output: string;
  /** From a config: its audit (settings, thresholds) and the config's folder. Absent: the editor's settings, no thresholds. */
  config?: { audit: ResolvedAudit; root: string };
}

/** What checking one unit gave: the outcome with its threshold checks, or why it could not run. */
export type UnitResult = { unit: CheckUnit; outcome: AuditOutcome } | { unit: CheckUnit; error: string };
