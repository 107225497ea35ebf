import * as vscode from 'vscode';
import { exportReport as writeExport } from '../reportExport';
import type { Services } from '../services';

/** Export Report: the focused panel's report, else the last one, as HTML, Markdown or JSON. */
export function exportReport(s: Services) {
  return async (): Promise<void> => {
    const last = await s.lastReport.get();
    const shown = s.auditor.activeReport() ?? (last && { report: last.report, label: last.request.label });
    if (!shown) return void vscode.window.showInformationMessage('EquiLens: no report to export yet; run an audit first.');
    await writeExport(s.context.extensionPath, shown.report, shown.label);
  };
}
