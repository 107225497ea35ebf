import * as vscode from 'vscode';
import { CONFIG_FILE } from '../../core/config';
import { scanModels } from '../../core/config/scanModels';
import { starterAudits, starterConfigText } from '../../core/config/starter';
import { DEFAULT_LIMITS } from '../../core/load/limits';
import { nodeFiles, toPosix } from '../../node/nodeFiles';
import type { Services } from '../services';
import { readSettings } from '../settings';

const CREATE = `Create ${CONFIG_FILE}`;

/** No config anywhere: offers to write `equilens init`'s starter (the same generator) and opens it. */
export async function offerStarter(s: Services, folders: readonly vscode.WorkspaceFolder[]): Promise<void> {
  const pick = await vscode.window.showInformationMessage(`EquiLens: Check Workspace runs the audits of ${CONFIG_FILE}, and this workspace has none. Create one from the models found?`, CREATE);
  if (pick !== CREATE) return;
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: `Where should ${CONFIG_FILE} go?` });
  if (!folder) return;
  const root = toPosix(folder.uri.fsPath);
  const limits = { ...DEFAULT_LIMITS, ...readSettings(s.context.workspaceState).limits };
  const audits = starterAudits(root, await scanModels(nodeFiles, root, limits));
  if (!audits.length) return void vscode.window.showInformationMessage(`EquiLens: no TF.js model JSON or .onnx model found in ${folder.name}; nothing to configure.`);
  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(starterConfigText(audits)));
  await vscode.window.showTextDocument(uri);
  void vscode.window.showInformationMessage(
    `EquiLens: wrote ${CONFIG_FILE} with ${audits.length} audit${audits.length === 1 ? '' : 's'}; review the groups and thresholds, then run Check Workspace again.`,
  );
}
