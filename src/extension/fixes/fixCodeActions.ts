import * as vscode from 'vscode';
import { CommandId } from '../commands/ids';
import { planActions, type ActionSpec } from './codeActionPlan';
import type { DocumentFixes } from './documentFixes';
import type { FixOrigin } from './fixSet';

/** Quick fixes on EquiLens diagnostics: Show fix, Copy augmentation snippet, Open report (decided in codeActionPlan.ts). */
export class FixCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly fixes: DocumentFixes) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const ours = context.diagnostics.filter((d) => d.source === 'EquiLens');
    if (!ours.length) return [];
    const found = await this.fixes.of(doc);
    if (!found) return [];
    const refs = ours.map((d) => ({ code: codeOf(d), offset: doc.offsetAt(d.range.start) }));
    return planActions(refs, found.analysis, found.set).map((spec) => {
      const action = new vscode.CodeAction(spec.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = spec.diagnostics.map((i) => ours[i]!);
      action.command = commandFor(spec, doc.uri, found.set.origin);
      if (spec.kind === 'showFix') action.isPreferred = spec.preferred;
      return action;
    });
  }
}

function commandFor(spec: ActionSpec, uri: vscode.Uri, origin: FixOrigin): vscode.Command {
  switch (spec.kind) {
    case 'showFix':
      // Arguments stay in the extension host: the Fix object reaches the command as it is.
      return { title: spec.title, command: CommandId.ShowFix, arguments: [spec.fix, origin] };
    case 'copySnippet':
      return { title: spec.title, command: CommandId.CopyAugmentationSnippet, arguments: [uri] };
    case 'openReport':
      return { title: spec.title, command: CommandId.OpenModelReport, arguments: [uri] };
  }
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}
