import * as path from 'node:path';
import * as vscode from 'vscode';
import { toPosix } from '../node/nodeFiles';
import type { BackendSetting } from '../protocol';
import type { AuditSettings } from './auditRequest';
import { limitsFromSettings } from './limitSettings';

/** workspaceState keys: choices remembered per workspace. */
const LAST_GROUP = 'equilens.lastGroup';
const LAST_OUTPUT = 'equilens.lastOutput';
/** A probe path, or '' for synthetic probes; unset = the equilens.probes setting. */
const PROBES = 'equilens.probes';

const BACKENDS: readonly BackendSetting[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/** Group and output representation last picked in this workspace, else the settings. */
export function defaultChoices(state: vscode.Memento): { group: string; output: string } {
  const cfg = vscode.workspace.getConfiguration('equilens');
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
export function probeSource(state: vscode.Memento): string | undefined {
  const chosen = state.get<string>(PROBES) ?? vscode.workspace.getConfiguration('equilens').get<string>('probes', '');
  if (!chosen) return undefined;
  // A relative setting is read against the first workspace folder, like the CLI against its cwd.
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return toPosix(base && !path.isAbsolute(chosen) ? path.join(base, chosen) : chosen);
}

/** Remembers a probe file or image folder for this workspace; undefined goes back to synthetic probes. */
export async function chooseProbes(state: vscode.Memento, probes: string | undefined): Promise<void> {
  await state.update(PROBES, probes ?? '');
}

export function readSettings(state: vscode.Memento): AuditSettings {
  const cfg = vscode.workspace.getConfiguration('equilens');
  const backend = cfg.get<string>('backend', 'auto');
  return {
    probes: probeSource(state),
    probesCount: positive(cfg.get<number>('probesCount'), 32),
    seed: Math.max(0, Math.floor(cfg.get<number>('seed', 0))),
    // 0 (the default) or anything invalid: the engine estimates the batch from the model.
    batchSize: positive(cfg.get<number>('batchSize'), undefined),
    backend: (BACKENDS as readonly string[]).includes(backend) ? (backend as BackendSetting) : 'auto',
    // Untrusted workspaces may lower the caps on model files, never raise them.
    limits: limitsFromSettings((name) => cfg.inspect(name), vscode.workspace.isTrusted),
  };
}

function positive<T extends number | undefined>(v: number | undefined, fallback: T): number | T {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : fallback;
}
