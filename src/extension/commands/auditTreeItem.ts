import type { ModelNode } from '../modelsTree';
import { ensembleRequest, requestFor } from '../picks';
import type { Services } from '../services';
import { defaultChoices } from '../settings';

/** The tree's inline and context "Audit" action: that ensemble or model, with the last group and output. */
export function auditTreeItem(s: Services) {
  return async (node?: ModelNode): Promise<void> => {
    if (!node) return;
    const choices = defaultChoices(s.context.workspaceState, node.kind === 'ensemble' ? node.ensemble.folder : node.path);
    await s.auditor.audit(node.kind === 'ensemble' ? ensembleRequest(node.ensemble, choices) : requestFor([node.path], choices));
  };
}
