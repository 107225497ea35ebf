import { realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import { INPUT_LAYOUTS, type InputLayoutOption } from '../core/audit/inputLayout';
import { toPosix } from '../node/nodeFiles';
import type { BackendSetting } from '../protocol';
import type { AuditSettings } from './auditRequest';
import { limitsFromSettings } from './limitSettings';
import { confineSettingPath } from './settingPaths';
import { homeFirst } from './settingScope';

/** workspaceState keys: choices remembered per workspace. */
const LAST_GROUP = 'equilens.lastGroup';
const LAST_OUTPUT = 'equilens.lastOutput';
/** A probe path, or '' for synthetic probes; unset = the equilens.probes setting. */
const PROBES = 'equilens.probes';

const BACKENDS: readonly BackendSetting[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/**
 * The equilens settings as they apply to `target` (a model's or folder's '/'-path): its workspace
 * folder's .vscode/settings.json over the workspace's and the user's. Without a target, the
 * workspace's (VS Code reads resource settings of the first folder then).
 */
export function settingsFor(target: string | undefined): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('equilens', target === undefined ? undefined : vscode.Uri.file(target));
}

/** Group and output representation last picked in this workspace, else the settings (of `target`'s folder). */
export function defaultChoices(state: vscode.Memento, target?: string): { group: string; output: string } {
  const cfg = settingsFor(target);
  return {
    group: state.get<string>(LAST_GROUP) ?? cfg.get<string>('group', 'c4'),
    output: state.get<string>(LAST_OUTPUT) ?? cfg.get<string>('output', 'invariant'),
  };
}

export async function rememberChoices(state: vscode.Memento, c: { group: string; output: string }): Promise<void> {
  await state.update(LAST_GROUP, c.group);
  await state.update(LAST_OUTPUT, c.output);
}

/** The probe source later audits use: a path chosen with Select Probes…, else the setting; undefined = synthetic. */
export function probeSource(state: vscode.Memento, target?: string): string | undefined {
  const probes = probeChoice(state, target);
  return 'refused' in probes ? undefined : probes.path;
}

/**
 * The probe source, or why the equilens.probes setting was refused. What the user picked with
 * Select Probes… may lie anywhere (an explicit choice in this editor); the setting, which a
 * repository's .vscode/settings.json can set, must stay inside the workspace folders by real path.
 */
export function probeChoice(state: vscode.Memento, target?: string): { path: string | undefined } | { refused: string } {
  const chosen = state.get<string>(PROBES);
  if (chosen !== undefined) return { path: chosen ? toPosix(chosen) : undefined };
  const setting = settingsFor(target).get<string>('probes', '');
  if (!setting) return { path: undefined };
  // A relative setting is read against the folder holding the model (else the first), like the CLI against its cwd.
  const folders = homeFirst(
    (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => toPosix(f.uri.fsPath)),
    target,
  );
  return confineSettingPath('equilens.probes', setting, folders, (p) => {
    try {
      return toPosix(realpathSync(p));
    } catch {
      return null;
    }
  });
}

/** Remembers a probe file or image folder for this workspace; undefined goes back to synthetic probes. */
export async function chooseProbes(state: vscode.Memento, probes: string | undefined): Promise<void> {
  await state.update(PROBES, probes ?? '');
}

/** The audit settings for `target` (the first model audited): its workspace folder's values win. */
export function readSettings(state: vscode.Memento, target?: string): AuditSettings {
  const cfg = settingsFor(target);
  const backend = cfg.get<string>('backend', 'auto');
  const probes = probeChoice(state, target);
  return {
    probes: 'refused' in probes ? undefined : probes.path,
    ...('refused' in probes && { probesRefused: probes.refused }),
    probesCount: probesCount(cfg.get<number | null>('probesCount'), 'refused' in probes ? undefined : probes.path),
    seed: Math.max(0, Math.floor(cfg.get<number>('seed', 0))),
    // 0 (the default) or anything invalid: the engine estimates the batch from the model.
    batchSize: positive(cfg.get<number>('batchSize'), undefined),
    backend: (BACKENDS as readonly string[]).includes(backend) ? (backend as BackendSetting) : 'auto',
    outputKind: cfg.get<string>('outputKind', 'auto'),
    inputLayout: inputLayout(cfg.get<string>('inputLayout', 'auto')),
    // Untrusted workspaces may lower the caps on model files, never raise them.
    limits: limitsFromSettings((name) => cfg.inspect(name), vscode.workspace.isTrusted),
  };
}

/**
 * equilens.probesCount as the CLI reads -n: set, it caps synthetic probes and a probe file alike;
 * unset (null), 32 synthetic probes or the whole file, so the panel measures what the CLI does.
 */
export function probesCount(setting: number | null | undefined, probes: string | undefined): number {
  return positive(setting ?? undefined, probes === undefined ? 32 : Infinity);
}

/** equilens.inputLayout, 'auto' when unset or not one of the three. */
function inputLayout(v: string): InputLayoutOption {
  return (INPUT_LAYOUTS as readonly string[]).includes(v) ? (v as InputLayoutOption) : 'auto';
}

function positive<T extends number | undefined>(v: number | undefined, fallback: T): number | T {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : fallback;
}
