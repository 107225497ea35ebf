import * as vscode from 'vscode';
import type { Services } from '../services';

/** Open Last Report: the newest report of this workspace in its panel. */
export function openLastReport(s: Services) {
  return async (): Promise<void> => {
    const last = await s.lastReport.get();
    if (!last) return void vscode.window.showInformationMessage('EquiLens: no report yet in this workspace; run an audit first.');
    s.auditor.show(last.report, last.request);
  };
}
