import * as vscode from 'vscode';
import { labelOf } from '../labels';
import type { Services } from '../services';
import { defaultChoices } from '../settings';
import type { CheckUnit } from './types';

/** The ensembles and lone models the index found in `folders`, audited as Audit All would (last group and output). */
export async function indexUnits(s: Services, folders: readonly vscode.WorkspaceFolder[]): Promise<CheckUnit[]> {
  const { ensembles, singles } = await s.index.get();
  const { group, output } = defaultChoices(s.context.workspaceState);
  const inFolders = (p: string) => folders.some((f) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p))?.uri.toString() === f.uri.toString());
  return [
    ...ensembles.filter((e) => inFolders(e.folder)).map((e) => ({ name: labelOf(e.folder), targets: e.members, members: e.members, group, output })),
    ...singles.filter((m) => inFolders(m.path)).map((m) => ({ name: labelOf(m.path), targets: [m.path], members: [m.path], group, output })),
  ];
}
