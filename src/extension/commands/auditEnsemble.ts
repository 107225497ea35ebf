import { labelOf } from '../labels';
import { ensembleRequest, pickGroup, pickTarget } from '../picks';
import type { Services } from '../services';
import { defaultChoices, rememberChoices } from '../settings';

/**
 * Audit Ensemble…: one of the workspace's ensembles, then its group (the last one first, so Enter
 * keeps it: never reused unseen); the last output representation.
 */
export function auditEnsemble(s: Services) {
  return async (): Promise<void> => {
    const picked = await pickTarget(s.index, { ensembles: true, models: false }, 'EquiLens: audit which ensemble?');
    if (picked?.kind !== 'ensemble') return;
    const state = s.context.workspaceState;
    const current = defaultChoices(state, picked.ensemble.folder);
    const group = await pickGroup(current.group, `EquiLens: audit ${labelOf(picked.ensemble.folder)} under which symmetry group?`);
    if (!group) return;
    const choices = { ...current, group };
    await rememberChoices(state, choices);
    await s.auditor.audit(ensembleRequest(picked.ensemble, choices));
  };
}
