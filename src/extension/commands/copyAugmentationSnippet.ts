import * as vscode from 'vscode';
import { groupFor, outputFor } from '../diagnostics/documentSettings';
import { analyzeText } from '../diagnostics/findingDiagnostics';
import { augmentationSnippet, frameworkChoices } from '../fixes/snippetChoice';
import { groupLabel } from '../results';
import type { Services } from '../services';

/** workspaceState key: the framework picked last. */
const LAST_FRAMEWORK = 'equilens.snippetFramework';

/**
 * Copy Augmentation Snippet…: augmentation over the whole equilens.group, in the framework picked
 * (remembered), to the clipboard; sized for the given or active model, else the last audit.
 */
export function copyAugmentationSnippet(s: Services) {
  return async (uri?: vscode.Uri): Promise<void> => {
    const doc = (uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())) ?? vscode.window.activeTextEditor?.document;
    const group = doc ? groupFor(doc) : vscode.workspace.getConfiguration('equilens').get<string>('group', 'c4');
    const state = s.context.workspaceState;
    const picked = await vscode.window.showQuickPick(frameworkChoices(state.get<string>(LAST_FRAMEWORK)), {
      title: `EquiLens: augmentation snippet for ${groupLabel(group)}`,
      placeHolder: 'Which framework?',
    });
    if (!picked) return;
    await state.update(LAST_FRAMEWORK, picked.id);
    const result = augmentationSnippet(group, await sampleFor(s, doc, group), outputFor(doc), picked.id);
    if ('problem' in result) return void vscode.window.showWarningMessage(`EquiLens: ${result.problem}`);
    await vscode.env.clipboard.writeText(result.code);
    void vscode.window.showInformationMessage(`EquiLens: copied the ${picked.label} augmentation snippet for ${groupLabel(group)} to the clipboard.`);
  };
}

/** The per-sample input shape: the document's declared one, else the probes of the last audit under this group. */
async function sampleFor(s: Services, doc: vscode.TextDocument | undefined, group: string): Promise<number[] | null> {
  const declared = doc && analyzeText(doc.getText(), group)?.sample;
  if (declared) return declared;
  const last = await s.lastReport.get();
  return last?.report.group.name === group ? last.report.probes.shape.slice(1) : null;
}
