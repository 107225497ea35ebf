import * as vscode from 'vscode';
import { toPosix } from '../node/nodeFiles';
import type { Ensemble } from './modelGroups';

/** A path as the UI shows it: relative to its workspace folder ('examples/compatible-augmented'). */
export function labelOf(posixPath: string): string {
  const uri = vscode.Uri.file(posixPath);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder && folder.uri.fsPath === uri.fsPath) return folder.name;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/** 'examples/compatible-augmented (8 members)'. */
export function ensembleLabel(e: Ensemble): string {
  return `${labelOf(e.folder)} (${e.members.length} members)`;
}

/** The workspace folder holding `posixPath`, '/'-form: report paths are shown relative to it. */
export function displayBaseOf(posixPath: string): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(posixPath));
  return folder ? toPosix(folder.uri.fsPath) : undefined;
}
