import * as vscode from 'vscode';
import { runAudit } from '../core/audit/runAudit';
import { EquiLensError } from '../core/errors';
import { renderTerminal } from '../core/report';
import { initBackend } from '../node/backend';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles, toPosix } from '../node/nodeFiles';

/** Registers commands only; the report panel, tree and CodeLens arrive with the extension issue. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('EquiLens');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('equilens.auditModel', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target || target.scheme !== 'file') {
        void vscode.window.showErrorMessage('EquiLens: open or select a TF.js model JSON file or folder first.');
        return;
      }
      const cfg = vscode.workspace.getConfiguration('equilens');
      try {
        const backend = await initBackend('auto', vscode.workspace.isTrusted);
        const report = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'EquiLens: auditing', cancellable: true },
          (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return runAudit(
              {
                targets: [toPosix(target.fsPath)],
                group: cfg.get<string>('group', 'c4'),
                output: cfg.get<string>('output', 'invariant'),
                probesCount: cfg.get<number>('probesCount', 32),
                seed: cfg.get<number>('seed', 0),
                displayBase: vscode.workspace.workspaceFolders?.[0] ? toPosix(vscode.workspace.workspaceFolders[0].uri.fsPath) : undefined,
              },
              {
                fs: nodeFiles,
                backend: backend.description,
                decodeImage,
                signal: abort.signal,
                onEvent: (e) => {
                  if (e.kind === 'progress') progress.report({ message: `${e.done}/${e.total} evaluations`, increment: 100 / e.total });
                },
              },
            );
          },
        );
        output.append(renderTerminal(report));
        output.show(true);
      } catch (e) {
        if (e instanceof Error && e.name === 'AuditCancelled') return;
        void vscode.window.showErrorMessage(`EquiLens: ${e instanceof EquiLensError ? e.message : String(e)}`);
      }
    }),
  );
}

export function deactivate(): void {}
