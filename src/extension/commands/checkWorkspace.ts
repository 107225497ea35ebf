import * as vscode from 'vscode';
import { planWorkspace, showPlanError } from '../check/configPlan';
import { runCheck } from '../check/runCheck';
import { offerStarter } from '../check/starter';
import type { Services } from '../services';

/** Check Workspace: every audit of the workspace's equilens.config.json, its thresholds checked as `equilens check` does. */
export function checkWorkspace(s: Services) {
  return async (): Promise<void> => {
    const folders = fileFolders();
    if (!folders.length) return void vscode.window.showInformationMessage('EquiLens: open a folder first; Check Workspace runs its equilens.config.json.');
    const plan = await planWorkspace(s, folders);
    if (plan.kind === 'error') return showPlanError(plan);
    if (plan.withoutConfig.length === folders.length) return offerStarter(s, folders);
    await runCheck(s, { title: 'checking the workspace', units: plan.units.map((u) => u.unit), replaceAll: true, problems: plan.problems });
  };
}

/** The workspace folders on disk (audits read files through Node). */
export function fileFolders(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}
