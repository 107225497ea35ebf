import * as vscode from 'vscode';
import { toPosix } from '../node/nodeFiles';
import { CommandId } from './commands/ids';
import { modelFingerprint } from './modelDetect';
import { resultTitle } from './results';
import type { ResultsStore } from './resultsStore';

/** JSON documents on disk; which of them are models is decided by content. */
export const MODEL_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'json', scheme: 'file' },
  { language: 'jsonc', scheme: 'file' },
];

/** "Audit symmetry" and the last result on the first line of every TF.js model JSON. */
export class ModelCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;
  /** Parsing a model JSON on every keystroke-free redraw would be waste: one parse per version. */
  private readonly seen = new WeakMap<vscode.TextDocument, { version: number; isModel: boolean }>();

  constructor(private readonly results: ResultsStore) {
    this.onDidChangeCodeLenses = results.onDidChange;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.isModel(doc)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: 'Audit symmetry', command: CommandId.AuditSymmetry, arguments: [doc.uri] })];
    const last = this.results.get(toPosix(doc.uri.fsPath));
    // An empty command id: a label, not a link.
    if (last) lenses.push(new vscode.CodeLens(top, { title: resultTitle(last), command: '', tooltip: `Last audited ${last.at}` }));
    return lenses;
  }

  private isModel(doc: vscode.TextDocument): boolean {
    const hit = this.seen.get(doc);
    if (hit?.version === doc.version) return hit.isModel;
    const isModel = modelFingerprint(doc.getText()) !== null;
    this.seen.set(doc, { version: doc.version, isModel });
    return isModel;
  }
}
