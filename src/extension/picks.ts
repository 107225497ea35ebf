import * as vscode from 'vscode';
import { toPosix } from '../node/nodeFiles';
import type { AuditRequest } from './auditRequest';
import { checkGroup, checkOutput, GROUP_CHOICES, OUTPUT_CHOICES, TYPED_GROUP, TYPED_GROUP_PROMPT, TYPED_OUTPUT_PROMPTS } from './choices';
import { ensembleLabel, labelOf } from './labels';
import type { ModelIndex } from './modelIndex';
import type { Ensemble } from './modelGroups';
import { modelFingerprint } from './modelDetect';

export interface Choices {
  group: string;
  output: string;
}

/** An audit of files and/or folders ('/'-paths), named after the first. */
export function requestFor(targets: string[], c: Choices): AuditRequest {
  const more = targets.length > 1 ? ` +${targets.length - 1}` : '';
  return { targets, label: labelOf(targets[0]!) + more, group: c.group, output: c.output };
}

/** An ensemble's audit names its members (not the folder), so other models in the folder stay out. */
export function ensembleRequest(e: Ensemble, c: Choices): AuditRequest {
  return { targets: e.members, label: labelOf(e.folder), group: c.group, output: c.output };
}

/** The active editor's file when it is a TF.js model JSON (by content). */
export function activeModel(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.uri.scheme === 'file' && modelFingerprint(doc.getText()) ? toPosix(doc.uri.fsPath) : undefined;
}

type Target = { kind: 'ensemble'; ensemble: Ensemble } | { kind: 'model'; path: string };

/** A quick pick of the workspace's ensembles and/or models; undefined when dismissed or none. */
export async function pickTarget(index: ModelIndex, kinds: { ensembles: boolean; models: boolean }, title: string): Promise<Target | undefined> {
  const { ensembles, models } = await index.get();
  const items: (vscode.QuickPickItem & { target?: Target })[] = [];
  if (kinds.ensembles && ensembles.length) {
    if (kinds.models) items.push({ label: 'Ensembles', kind: vscode.QuickPickItemKind.Separator });
    for (const e of ensembles) items.push({ label: ensembleLabel(e), target: { kind: 'ensemble', ensemble: e } });
  }
  if (kinds.models && models.length) {
    if (kinds.ensembles) items.push({ label: 'Models', kind: vscode.QuickPickItemKind.Separator });
    for (const m of models) items.push({ label: labelOf(m.path), target: { kind: 'model', path: m.path } });
  }
  if (!items.length) {
    const what = kinds.models ? 'TF.js model JSON' : 'ensemble (a folder whose model JSONs share one architecture)';
    void vscode.window.showInformationMessage(`EquiLens: no ${what} found in this workspace.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Search by path' });
  return picked?.target;
}

/** The group quick pick's items: every group, the current one first (Enter keeps it) and marked 'current'. */
export function groupItems(current: string): (vscode.QuickPickItem & { picked: boolean })[] {
  // A group typed earlier (rot:12) is offered again, as the current one.
  const typed = GROUP_CHOICES.some((g) => g.name === current) ? [] : [{ name: current, detail: 'the group used last' }];
  const items = [...typed, ...GROUP_CHOICES].map((g) => ({ label: g.name, detail: g.detail, picked: g.name === current, description: g.name === current ? 'current' : undefined }));
  return items.sort((a, b) => Number(b.picked) - Number(a.picked));
}

/** Asks for the symmetry group, `current` first; undefined when dismissed. */
export async function pickGroup(current: string, title = 'EquiLens: symmetry group'): Promise<string | undefined> {
  const group = await vscode.window.showQuickPick(groupItems(current), { title, placeHolder: 'Which transformations should the model respect?' });
  if (group?.label !== TYPED_GROUP) return group?.label;
  const typed = await vscode.window.showInputBox({ title, prompt: TYPED_GROUP_PROMPT, value: 'rot:', validateInput: checkGroup });
  return typed?.trim() || undefined;
}

/** Group, then output representation, each defaulting to `current`; undefined when dismissed. */
export async function pickChoices(current: Choices): Promise<Choices | undefined> {
  const group = await pickGroup(current.group, 'EquiLens: symmetry group (1/2)');
  if (!group) return undefined;
  const custom = /^(classes:|same;|points:)./.test(current.output) ? [{ label: current.output, detail: 'the representation used last' }] : [];
  const outputItems = [...custom, ...OUTPUT_CHOICES.map((o) => ({ label: o.name, detail: o.detail }))]
    .map((o) => ({ ...o, description: o.label === current.output ? 'current' : undefined }))
    .sort((a, b) => Number(b.label === current.output) - Number(a.label === current.output));
  const out = await vscode.window.showQuickPick(outputItems, { title: 'EquiLens: output representation (2/2)', placeHolder: 'How should the outputs transform?' });
  if (!out) return undefined;
  let output = out.label;
  const prompt = TYPED_OUTPUT_PROMPTS[output];
  if (prompt) {
    const typed = await vscode.window.showInputBox({
      title: 'EquiLens: output representation',
      prompt,
      value: output,
      validateInput: checkOutput,
    });
    if (!typed) return undefined;
    output = typed;
  }
  return { group, output };
}
