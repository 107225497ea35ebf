import * as vscode from 'vscode';
import { toPosix } from '../../node/nodeFiles';
import type { Ensemble } from '../modelGroups';
import { activeModel, ensembleRequest, pickChoices, pickTarget, requestFor } from '../picks';
import type { Services } from '../services';
import { defaultChoices, rememberChoices } from '../settings';

/**
 * Audit Symmetry…: the Explorer selection (model JSONs and/or folders), the CodeLens's file, the
 * active model, or a pick from the workspace; then asks for group and output representation.
 */
export function auditSymmetry(s: Services) {
  return async (uri?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> => {
    const uris = (selected?.length ? selected : uri ? [uri] : []).filter((u) => u.scheme === 'file');
    const state = s.context.workspaceState;
    let targets = uris.map((u) => toPosix(u.fsPath));
    let ensemble: Ensemble | undefined;
    if (!targets.length) {
      const current = activeModel();
      if (current) targets = [current];
      else {
        const picked = await pickTarget(s.index, { ensembles: true, models: true }, 'EquiLens: audit which models?');
        if (!picked) return;
        if (picked.kind === 'model') targets = [picked.path];
        else ensemble = picked.ensemble;
      }
    }
    const choices = await pickChoices(defaultChoices(state, ensemble?.folder ?? targets[0]));
    if (!choices) return;
    await rememberChoices(state, choices);
    await s.auditor.audit(ensemble ? ensembleRequest(ensemble, choices) : requestFor(targets, choices));
  };
}
