import { ensembleRequest, pickTarget } from '../picks';
import type { Services } from '../services';
import { defaultChoices } from '../settings';

/** Audit Ensemble…: one of the workspace's ensembles, with the last group and output. */
export function auditEnsemble(s: Services) {
  return async (): Promise<void> => {
    const picked = await pickTarget(s.index, { ensembles: true, models: false }, 'EquiLens: audit which ensemble?');
    if (picked?.kind !== 'ensemble') return;
    await s.auditor.audit(ensembleRequest(picked.ensemble, defaultChoices(s.context.workspaceState, picked.ensemble.folder)));
  };
}
