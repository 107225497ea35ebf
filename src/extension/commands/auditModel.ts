import * as vscode from 'vscode';
import { toPosix } from '../../node/nodeFiles';
import { activeModel, pickTarget, requestFor } from '../picks';
import type { Services } from '../services';
import { defaultChoices } from '../settings';

/** Audit Model…: the given or active model JSON, else one picked from the workspace; last group and output. */
export function auditModel(s: Services) {
  return async (uri?: vscode.Uri): Promise<void> => {
    let path = uri?.scheme === 'file' ? toPosix(uri.fsPath) : activeModel();
    if (!path) {
      const picked = await pickTarget(s.index, { ensembles: false, models: true }, 'EquiLens: audit which model?');
      if (picked?.kind !== 'model') return;
      path = picked.path;
    }
    await s.auditor.audit(requestFor([path], defaultChoices(s.context.workspaceState, path)));
  };
}
