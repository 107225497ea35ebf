import * as path from 'node:path';
import * as vscode from 'vscode';
import { Auditor } from './auditor';
import { AuditCancelled, AuditRunner } from './auditRunner';
import { helpPage } from '../core/ci/rules';
import { CheckDiagnostics } from './check/checkDiagnostics';
import { CheckResults } from './check/checkResults';
import { MODEL_DOCUMENTS, ModelCodeLens } from './codeLens';
import { COMMANDS } from './commands';
import { AuditDiagnostics } from './diagnostics/auditDiagnostics';
import { ConfigDiagnostics } from './diagnostics/configDiagnostics';
import { LayerHover } from './diagnostics/layerHover';
import { ModelDiagnostics } from './diagnostics/modelDiagnostics';
import { guardCommand } from './errorReport';
import { DocumentFixes } from './fixes/documentFixes';
import { FixCodeActions } from './fixes/fixCodeActions';
import { FixPreview } from './fixes/fixPreview';
import { LastReportStore } from './lastReport';
import { ModelContextKeys } from './modelContext';
import { ModelIndex } from './modelIndex';
import { ModelsTree } from './modelsTree';
import { ReportPanel } from './reportPanel';
import { ResultsStore } from './resultsStore';
import type { Services } from './services';
import { AuditStatus } from './statusBar';

/** Builds the services and registers commands, views, CodeLens, diagnostics, hovers, code actions and the panel serializer; nothing runs yet. */
export function activate(context: vscode.ExtensionContext): void {
  // A log channel: levels the user can raise (Developer: Set Log Level…), stacks of what went wrong.
  const log = vscode.window.createOutputChannel('EquiLens', { log: true });
  const activated = Date.now();
  const results = new ResultsStore(context.workspaceState);
  const index = new ModelIndex();
  const status = new AuditStatus();
  const lastReport = new LastReportStore(context);
  // tfjs runs only in dist/worker.js threads, never in the extension host.
  const runner = new AuditRunner(path.join(context.extensionPath, 'dist', 'worker.js'));
  const auditor = new Auditor(context, runner, results, lastReport, status, log);
  const checkResults = new CheckResults(context.workspaceState);
  const tree = new ModelsTree(index, results, checkResults);
  // Diagnostic codes open the docs online, at the heading that explains them.
  const findingsHelp = vscode.Uri.parse(helpPage('findings'));
  const diagnostics = new ModelDiagnostics(findingsHelp);
  // Every audited member's findings, open in an editor or not.
  const auditProblems = new AuditDiagnostics(findingsHelp);
  const check = { config: new ConfigDiagnostics(), problems: new CheckDiagnostics(vscode.Uri.parse(helpPage('thresholds'))), results: checkResults };
  const fixes = new DocumentFixes(lastReport, (doc) => diagnostics.analysis(doc));
  const fixPreview = new FixPreview();
  const services: Services = { context, auditor, index, lastReport, log, fixPreview, check };

  context.subscriptions.push(
    log,
    results,
    index,
    status,
    auditor,
    tree,
    vscode.window.createTreeView('equilens.models', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider(MODEL_DOCUMENTS, new ModelCodeLens(results)),
    diagnostics,
    auditProblems,
    auditor.onDidFinish(({ report, files, resolve }) => void auditProblems.publish(report, files, resolve)),
    check.config,
    check.problems,
    checkResults,
    fixPreview,
    vscode.languages.registerHoverProvider(MODEL_DOCUMENTS, new LayerHover(fixes)),
    vscode.languages.registerCodeActionsProvider(MODEL_DOCUMENTS, new FixCodeActions(fixes), FixCodeActions.metadata),
    vscode.window.registerWebviewPanelSerializer(ReportPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => auditor.revive(panel, state),
    }),
    new ModelContextKeys(index, log),
    // What a command throws reaches the log with its stack, and its notification offers Show Log.
    ...Object.entries(COMMANDS).map(([id, make]) =>
      vscode.commands.registerCommand(id, guardCommand(id, make(services), { log, notify: vscode.window.showErrorMessage, quiet: (e) => e instanceof AuditCancelled })),
    ),
  );
  log.info(`EquiLens ${(context.extension.packageJSON as { version: string }).version} activated in ${Date.now() - activated} ms (${vscode.workspace.isTrusted ? 'trusted' : 'restricted'} workspace)`);
}

export function deactivate(): void {}
