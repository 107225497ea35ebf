import * as vscode from 'vscode';
import { planWorkspace, showPlanError } from '../check/configPlan';
import { runCheck } from '../check/runCheck';
import { offerStarter } from '../check/starter';
import type { Services } from '../services';

/** The config CodeLens's argument: one audit of one config ('/'-path), by its index in "audits". */
export interface CheckOnly {
  configFile: string;
  audit: number;
}

/**
 * Check Workspace: every audit of the workspace's equilens.config.json, its thresholds checked as
 * `equilens check` does; from a config's CodeLens, that one audit (its ensembles) alone.
 */
export function checkWorkspace(s: Services) {
  return async (only?: unknown): Promise<void> => {
    const folders = fileFolders();
    if (!folders.length) return void vscode.window.showInformationMessage('EquiLens: open a folder first; Check Workspace runs its equilens.config.json.');
    const plan = await planWorkspace(s, folders);
    if (plan.kind === 'error') return showPlanError(plan);
    if (plan.withoutConfig.length === folders.length) return offerStarter(s, folders);
    if (isCheckOnly(only)) {
      const one = plan.units.filter((u) => u.configFile === only.configFile && u.unit.config?.audit.index === only.audit);
      if (!one.length) return void vscode.window.showInformationMessage(`EquiLens: audits[${only.audit}] is not in ${vscode.workspace.asRelativePath(vscode.Uri.file(only.configFile))} any more.`);
      await runCheck(s, { title: `checking ${one[0]!.unit.config!.audit.name}`, units: one.map((u) => u.unit), replaceAll: false });
      return;
    }
    await runCheck(s, { title: 'checking the workspace', units: plan.units.map((u) => u.unit), replaceAll: true, problems: plan.problems });
  };
}

// View-title menus pass their own arguments: only the CodeLens's shape narrows the check.
function isCheckOnly(x: unknown): x is CheckOnly {
  return typeof x === 'object' && x !== null && typeof (x as CheckOnly).configFile === 'string' && Number.isInteger((x as CheckOnly).audit);
}

/** The workspace folders on disk (audits read files through Node). */
export function fileFolders(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}
