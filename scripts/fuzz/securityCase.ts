// The fuzz runner's side of the issue 13 classes (securityMutations.ts): FIFOs and the config file
// written into a case folder, the targets a case's config selects, and the rendering checks.
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateThresholds } from '../../src/core/ci/thresholds';
import { expandAudit } from '../../src/core/ci/units';
import { resolveAudits } from '../../src/core/config/resolve';
import type { FileSystem } from '../../src/core/io/files';
import type { AuditReport } from '../../src/core/report/types';
import { injectionProblems } from './injection';
import { FIFO } from './securityMutations';
import type { FuzzCase } from './types';

/** A symlink `at` → `to`, or a FIFO when `to` is FIFO. */
export function makeLink(to: string, at: string): void {
  if (to === FIFO) execFileSync('mkfifo', [at]);
  else symlinkSync(to, at);
}

/** Writes the case's equilens.config.json, when it has one. */
export function writeConfig(dir: string, c: FuzzCase): void {
  if (c.config !== undefined) writeFileSync(join(dir, 'equilens.config.json'), c.config);
}

/** What the case audits: its config's first ensemble (planned as `equilens check` plans it), else `fallback`. */
export async function caseTargets(fs: FileSystem, root: string, c: FuzzCase, fallback: string[]): Promise<string[]> {
  if (c.config === undefined) return fallback;
  const [audit] = resolveAudits(JSON.parse(c.config));
  const [unit] = await expandAudit(fs, root, audit!);
  return unit!.targets;
}

/** Rendering problems of a report the case produced (every format, and a check run holding it). */
export function renderingProblems(report: AuditReport, c: FuzzCase): string[] {
  // The config's audit name when the case has one (it may be hostile too).
  const name = c.config ? String((JSON.parse(c.config) as { audits: { name?: string }[] }).audits[0]?.name ?? c.seed) : c.seed;
  const checks = evaluateThresholds(report, { maxFloor: 0, maxMemberRelError: 0, maxEnsembleRelError: 0 });
  const audit = { name, index: 0, models: ['.'], group: report.group.name, output: 'invariant', thresholds: {} };
  const run = {
    kind: 'equilens-check' as const,
    schemaVersion: 1 as const,
    tool: report.tool,
    createdAt: report.createdAt,
    config: 'equilens.config.json',
    failOn: 'threshold' as const,
    audits: [{ name, audit, report, checks, baseline: null }],
  };
  return injectionProblems(report, run);
}
