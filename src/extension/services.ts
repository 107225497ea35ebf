import type * as vscode from 'vscode';
import type { Auditor } from './auditor';
import type { CheckDiagnostics } from './check/checkDiagnostics';
import type { CheckResults } from './check/checkResults';
import type { ConfigDiagnostics } from './diagnostics/configDiagnostics';
import type { FixPreview } from './fixes/fixPreview';
import type { LastReportStore } from './lastReport';
import type { ModelIndex } from './modelIndex';

/** What the commands work with; built once in activate(). */
export interface Services {
  context: vscode.ExtensionContext;
  auditor: Auditor;
  index: ModelIndex;
  lastReport: LastReportStore;
  /** The 'EquiLens' log channel: audits, failures with their stacks; error notifications' Show Log opens it. */
  log: vscode.LogOutputChannel;
  /** Read-only Markdown pages for Show fix. */
  fixPreview: FixPreview;
  /** Check Workspace / Check Changed Models: config errors, failed thresholds, the tree's verdicts. */
  check: { config: ConfigDiagnostics; problems: CheckDiagnostics; results: CheckResults };
}
