import * as vscode from 'vscode';
import { expandAudit } from '../../core/ci/units';
import { CONFIG_FILE, type ConfigError } from '../../core/config';
import { nodeAt, parseConfig } from '../../core/config/parse';
import type { ResolvedAudit } from '../../core/config/types';
import { DEFAULT_LIMITS } from '../../core/load/limits';
import { nodeFiles, toPosix } from '../../node/nodeFiles';
import { configErrorLine, position, type LineChar } from '../diagnostics/configErrors';
import type { Services } from '../services';
import { readSettings } from '../settings';
import type { CheckProblem } from './checkDiagnostics';
import type { CheckUnit } from './types';

/** A config audit's unit, with the config it came from (a changed config changes all its audits). */
export interface ConfiguredUnit {
  unit: CheckUnit;
  configFile: string;
}

/** What the workspace's configs declare, or the first reason none of it can run. */
export type WorkspacePlan =
  | { kind: 'error'; message: string; uri: vscode.Uri; at: LineChar }
  | {
      kind: 'ok';
      units: ConfiguredUnit[];
      /** File-scheme workspace folders with no equilens.config.json at their root. */
      withoutConfig: vscode.WorkspaceFolder[];
      /** Clears earlier 'models match nothing' problems of the configs read. */
      problems: Map<string, CheckProblem[]>;
    };

/**
 * Reads each folder's equilens.config.json (the editor's text when open), publishes its errors,
 * and expands its audits into ensembles as `equilens check` does. Any error stops the plan, like
 * the CLI's exit 2: a config error, or an audit whose models match nothing (shown on its "models").
 */
export async function planWorkspace(s: Services, folders: readonly vscode.WorkspaceFolder[]): Promise<WorkspacePlan> {
  const units: ConfiguredUnit[] = [];
  const withoutConfig: vscode.WorkspaceFolder[] = [];
  const problems = new Map<string, CheckProblem[]>();
  const limits = { ...DEFAULT_LIMITS, ...readSettings(s.context.workspaceState).limits };
  for (const folder of folders) {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    const text = await s.check.config.text(uri);
    if (text === null) {
      withoutConfig.push(folder);
      continue;
    }
    const loaded = s.check.config.publish(uri, text);
    const first = loaded.errors[0];
    if (first) return configError(uri, first, loaded.errors.length - 1);
    const root = toPosix(folder.uri.fsPath);
    const configFile = toPosix(uri.fsPath);
    const key = problemKey(uri);
    problems.set(key, []);
    for (const audit of loaded.audits) {
      try {
        for (const u of await expandAudit(nodeFiles, root, audit, limits, vscode.workspace.asRelativePath(uri))) {
          units.push({ configFile, unit: { name: u.name, targets: u.targets, members: u.members, group: audit.group, output: audit.output, config: { audit, root } } });
        }
      } catch (e) {
        const problem = modelsProblem(text, configFile, audit, e instanceof Error ? e.message : String(e));
        s.check.problems.publish(new Map([[key, [problem]]]), false);
        return { kind: 'error', message: `${vscode.workspace.asRelativePath(uri)}:${problem.start.line + 1}:${problem.start.character + 1}: ${problem.message}`, uri, at: problem.start };
      }
    }
  }
  return { kind: 'ok', units, withoutConfig, problems };
}

/** The key under which a config's own check problems are kept. */
export function problemKey(uri: vscode.Uri): string {
  return `config:${uri.toString()}`;
}

/** Shows a plan's error as one line, with a button that opens the config at the error. */
export async function showPlanError(plan: Extract<WorkspacePlan, { kind: 'error' }>): Promise<void> {
  const open = await vscode.window.showErrorMessage(`EquiLens: ${plan.message}`, 'Open Config');
  if (!open) return;
  const at = new vscode.Position(plan.at.line, plan.at.character);
  await vscode.window.showTextDocument(plan.uri, { selection: new vscode.Range(at, at) });
}

function configError(uri: vscode.Uri, e: ConfigError, more: number): WorkspacePlan {
  return { kind: 'error', message: configErrorLine(vscode.workspace.asRelativePath(uri), e, more), uri, at: { line: e.line - 1, character: e.column - 1 } };
}

// An audit's models that match nothing: underlined on its "models" value (the CLI names no line).
function modelsProblem(text: string, file: string, audit: ResolvedAudit, message: string): CheckProblem {
  const node = nodeAt(parseConfig(text).root, ['audits', audit.index, 'models']).value;
  const start = node?.offset ?? 0;
  return { file, start: position(text, start), end: position(text, start + (node?.length ?? 0)), message, code: 'config' };
}
