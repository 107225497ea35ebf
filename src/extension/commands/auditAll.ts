import * as vscode from 'vscode';
import type { AuditRequest } from '../auditRequest';
import { AuditCancelled, AuditFailed } from '../auditRunner';
import { ensembleRequest, requestFor } from '../picks';
import type { Services } from '../services';
import { defaultChoices } from '../settings';

/** Audit All Models in Workspace: every ensemble, then every model in none, one after another. */
export function auditAll(s: Services) {
  return async (): Promise<void> => {
    const { ensembles, singles } = await s.index.get();
    const choices = defaultChoices(s.context.workspaceState);
    const requests: AuditRequest[] = [...ensembles.map((e) => ensembleRequest(e, choices)), ...singles.map((m) => requestFor([m.path], choices))];
    if (!requests.length) {
      void vscode.window.showInformationMessage('EquiLens: no TF.js model JSON found in this workspace.');
      return;
    }
    const failed: string[] = [];
    let audited = 0;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'EquiLens: auditing the workspace', cancellable: true },
      async (progress, token) => {
        for (const [i, req] of requests.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${i + 1}/${requests.length} ${req.label}`, increment: i ? 100 / requests.length : 0 });
          try {
            await s.auditor.execute(req, { token, pictures: 0 });
            audited++;
          } catch (e) {
            if (e instanceof AuditCancelled) break;
            failed.push(`${req.label}: ${e instanceof AuditFailed ? e.message : String(e)}`);
          }
        }
      },
    );
    const summary = `EquiLens: audited ${audited} of ${requests.length} (${choices.group}); results are in the Models & Ensembles view and the CodeLens`;
    if (!failed.length) return void vscode.window.showInformationMessage(`${summary}.`);
    s.log.appendLine(`Audit All Models in Workspace: ${failed.length} failed`);
    for (const line of failed) s.log.appendLine(`  ${line}`);
    const show = await vscode.window.showWarningMessage(`${summary}; ${failed.length} failed.`, 'Show Output');
    if (show) s.log.show(true);
  };
}
