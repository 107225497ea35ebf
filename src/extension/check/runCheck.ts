import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { AuditOutcome } from '../../core/ci/types';
import { memberPaths, type AuditRequest } from '../auditRequest';
import { AuditCancelled, AuditFailed } from '../auditRunner';
import { displayBaseOf } from '../labels';
import type { Services } from '../services';
import { configBackend, configSpec } from './auditSettings';
import { storedCheck } from './badge';
import type { CheckProblem } from './checkDiagnostics';
import { unitOutcome } from './outcome';
import { showCheckSummary } from './showSummary';
import { thresholdDiagnostics } from './thresholdDiagnostics';
import type { CheckUnit, UnitResult } from './types';

/** One check run: what to audit, and what it replaces in the Problems panel. */
export interface CheckRequest {
  /** The progress notification's title, after 'EquiLens: '. */
  title: string;
  units: CheckUnit[];
  /** True when the run covers every configured audit: earlier failures of other audits go. */
  replaceAll: boolean;
  /** Problems found while planning (per key), published with the run's. */
  problems?: ReadonlyMap<string, CheckProblem[]>;
}

/**
 * Audits each unit in turn through the auditor (worker, status bar, results store: CodeLens and
 * tree update), checks its thresholds with the core, then publishes failed thresholds in the
 * Problems panel, the verdicts in the tree, and a one-line summary with Open Report.
 */
export async function runCheck(s: Services, req: CheckRequest): Promise<UnitResult[]> {
  // Two checks at once would race on the Problems panel and the tree: one at a time.
  if (running) {
    void vscode.window.showInformationMessage('EquiLens: a check is already running.');
    return [];
  }
  running = true;
  try {
    return await runUnits(s, req);
  } finally {
    running = false;
  }
}

let running = false;

async function runUnits(s: Services, req: CheckRequest): Promise<UnitResult[]> {
  const results: UnitResult[] = [];
  let cancelled = false;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `EquiLens: ${req.title}`, cancellable: true }, async (progress, token) => {
    for (const [i, unit] of req.units.entries()) {
      cancelled = token.isCancellationRequested;
      if (cancelled) break;
      progress.report({ message: `${i + 1}/${req.units.length} ${unit.name}`, increment: i ? 100 / req.units.length : 0 });
      try {
        const report = await s.auditor.execute(requestOf(unit), {
          token,
          pictures: 0,
          ...(unit.config ? { spec: configSpec(unit.config.audit, unit.config.root), backend: configBackend(unit.config.audit), workers: unit.config.audit.workers } : {}),
        });
        const outcome = unitOutcome(unit, report);
        results.push({ unit, outcome });
        await s.check.results.record(memberPaths(report, displayBaseOf(unit.targets[0]!)), storedCheck(outcome));
      } catch (e) {
        cancelled = e instanceof AuditCancelled;
        if (cancelled) break;
        results.push({ unit, error: e instanceof AuditFailed ? e.message : `internal error: ${String(e)}` });
      }
    }
  });
  const problems = new Map(req.problems);
  for (const r of results) problems.set(unitKey(r.unit), 'outcome' in r ? await toProblems(r.outcome, r.unit) : []);
  // A cancelled run did not see every audit: keep what earlier runs found for the rest.
  s.check.problems.publish(problems, req.replaceAll && !cancelled);
  void showCheckSummary(s, results, { planned: req.units.length, cancelled, requestOf });
  return results;
}

/** The request the auditor runs (and a report panel reopens) for a unit. */
export function requestOf(unit: CheckUnit): AuditRequest {
  return { targets: unit.targets, label: unit.name, group: unit.group, output: unit.output };
}

// Audit names are unique within a config; the folder tells two configs apart.
function unitKey(unit: CheckUnit): string {
  return `${unit.config?.root ?? ''}\n${unit.name}`;
}

async function toProblems(outcome: AuditOutcome, unit: CheckUnit): Promise<CheckProblem[]> {
  const specs = await thresholdDiagnostics(outcome, displayBaseOf(unit.targets[0]!), readText);
  return specs.map((d) => ({ file: d.file, start: d.start, end: d.end, message: d.message, code: d.threshold }));
}

// The editor's text when the model is open (a layer may have moved), else the file.
async function readText(file: string): Promise<string | null> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === vscode.Uri.file(file).fsPath);
  if (open) return open.getText();
  return fsp.readFile(file, 'utf8').catch(() => null);
}
