import * as vscode from 'vscode';
import type { AuditRequest } from '../auditRequest';
import { AuditCancelled, AuditFailed } from '../auditRunner';
import { SHOW_LOG } from '../errorReport';
import { ensembleRequest, requestFor } from '../picks';
import type { Services } from '../services';
import { defaultChoices } from '../settings';

/** Audit All Models in Workspace: every ensemble, then every model in none, one after another. */
export function auditAll(s: Services) {
  return async (): Promise<void> => {
    const { ensembles, singles } = await s.index.get();
    // Each model with its own workspace folder's settings (the last pick, when there is one, wins everywhere).
    const state = s.context.workspaceState;
    const requests: AuditRequest[] = [...ensembles.map((e) => ensembleRequest(e, defaultChoices(state, e.folder))), ...singles.map((m) => requestFor([m.path], defaultChoices(state, m.path)))];
    if (!requests.length) {
      void vscode.window.showInformationMessage('EquiLens: no TF.js model JSON or .onnx model found in this workspace.');
      return;
    }
    const failed: string[] = [];
    let audited = 0;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'EquiLens: auditing the workspace', cancellable: true }, async (progress, token) => {
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
    });
    const summary = `EquiLens: audited ${audited} of ${requests.length} (${[...new Set(requests.map((r) => r.group))].join(', ')}); results are in the Models & Ensembles view and the CodeLens`;
    if (!failed.length) return void vscode.window.showInformationMessage(`${summary}.`);
    // Each failure's line (and an internal error's stack) is already in the log: execute wrote it.
    s.log.warn(`Audit All Models in Workspace: ${failed.length} failed: ${failed.join('; ')}`);
    const show = await vscode.window.showWarningMessage(`${summary}; ${failed.length} failed.`, SHOW_LOG);
    if (show === SHOW_LOG) s.log.show(true);
  };
}
