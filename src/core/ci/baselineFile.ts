import { EquiLensError } from '../errors';
import { isObject } from '../load/modelJson';
import type { AuditReport } from '../report/types';
import type { CheckRun } from './types';

/** A baseline: the reports of an earlier `check --format json`, or one `audit --json` report. */
export type Baseline = { kind: 'check'; reports: Map<string, AuditReport> } | { kind: 'report'; report: AuditReport };

/** Reads baseline JSON text; `file` names it in the error when it is neither form. */
export function parseBaseline(text: string, file: string): Baseline {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new EquiLensError(file, `is not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  if (isObject(v) && v.kind === 'equilens-check' && Array.isArray(v.audits)) {
    const run = v as unknown as CheckRun;
    if (run.audits.every((a) => isObject(a) && typeof a.name === 'string' && isReport(a.report))) {
      return { kind: 'check', reports: new Map(run.audits.map((a) => [a.name, a.report])) };
    }
  } else if (isReport(v)) return { kind: 'report', report: v };
  throw new EquiLensError(file, 'is neither the JSON of `equilens check --format json` nor an `equilens audit --json` report');
}

/**
 * The baseline report for one audit: by name from a check JSON; a lone audit report applies to
 * the audit with the same members, or to the only audit of the run.
 */
export function baselineFor(b: Baseline, name: string, report: AuditReport, onlyAudit: boolean): AuditReport | null {
  if (b.kind === 'check') return b.reports.get(name) ?? null;
  const paths = (r: AuditReport) =>
    r.members
      .map((m) => m.path)
      .sort()
      .join('\n');
  return onlyAudit || paths(b.report) === paths(report) ? b.report : null;
}

function isReport(v: unknown): v is AuditReport {
  return isObject(v) && v.schemaVersion === 1 && Array.isArray(v.members) && 'ensemble' in v;
}
