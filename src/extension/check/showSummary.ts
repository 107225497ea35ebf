import * as vscode from 'vscode';
import type { AuditRequest } from '../auditRequest';
import { SHOW_LOG } from '../errorReport';
import type { Services } from '../services';
import { checkSummary, unitVerdict } from './summary';
import type { CheckUnit, UnitResult } from './types';

const OPEN_REPORT = 'Open Report';

/** The run's one-line summary (a warning when something failed) with Open Report; audits that could not run go to the log (Show Log). */
export async function showCheckSummary(s: Services, results: readonly UnitResult[], o: { planned: number; cancelled: boolean; requestOf: (u: CheckUnit) => AuditRequest }): Promise<void> {
  const line = `EquiLens: ${checkSummary(results, o)}`;
  const errors = results.filter((r) => unitVerdict(r) === 'error');
  if (errors.length) {
    s.log.warn(line);
    for (const r of errors) if ('error' in r) s.log.error(`${r.unit.name}: ${r.error}`);
  }
  const actions = [...(results.some((r) => 'outcome' in r) ? [OPEN_REPORT] : []), ...(errors.length ? [SHOW_LOG] : [])];
  const bad = errors.length > 0 || results.some((r) => unitVerdict(r) === 'fail');
  const picked = await (bad ? vscode.window.showWarningMessage(line, ...actions) : vscode.window.showInformationMessage(line, ...actions));
  if (picked === SHOW_LOG) s.log.show(true);
  if (picked !== OPEN_REPORT) return;
  const chosen = await pickOutcome(results);
  if (chosen && 'outcome' in chosen) s.auditor.show(chosen.outcome.report, o.requestOf(chosen.unit));
}

// The failing audit straight away when there is one; otherwise a pick, failures first.
async function pickOutcome(results: readonly UnitResult[]): Promise<UnitResult | undefined> {
  const ran = results.filter((r) => 'outcome' in r);
  const failed = ran.filter((r) => unitVerdict(r) === 'fail');
  if (failed.length === 1) return failed[0];
  if (ran.length === 1) return ran[0];
  const order = [...failed, ...ran.filter((r) => unitVerdict(r) !== 'fail')];
  const mark = { fail: '$(error)', pass: '$(pass)', unchecked: '$(circle-outline)', error: '' } as const;
  const items = order.map((r) => ({ label: `${mark[unitVerdict(r)]} ${r.unit.name}`, result: r }));
  return (await vscode.window.showQuickPick(items, { title: 'EquiLens: open the report of which audit?' }))?.result;
}
