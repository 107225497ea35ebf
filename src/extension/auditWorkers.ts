import { availableParallelism } from 'node:os';

/**
 * How many member-parallel threads an audit in the extension host gets (issue 14.1):
 * the user's machine-scoped equilens.workers wins; else the config audit's `workers`, capped at
 * the machine's cores (a repository's file may ask for fewer threads, never for more than every
 * core); else undefined: every core, runAuditPool's default. The report is the same for any number.
 */
export function auditWorkers(setting: number | undefined, config: number | undefined, cores: number = availableParallelism()): number | undefined {
  if (setting !== undefined) return setting;
  if (config === undefined || !Number.isInteger(config) || config < 1) return undefined;
  return Math.min(config, Math.max(1, cores));
}
