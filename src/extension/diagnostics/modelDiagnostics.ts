import * as vscode from 'vscode';
import { MODEL_DOCUMENTS } from '../codeLens';
import { groupFor } from './documentSettings';
import { analyzeText, toDiagnosticSpecs, type DiagnosticSpec, type DocumentAnalysis } from './findingDiagnostics';
import { diagnosticsUpdate, KeyedDebounce } from './liveUpdate';

const SEVERITY: Record<DiagnosticSpec['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** Quiet time after the last keystroke before a model JSON is analysed again. */
const TYPING_PAUSE_MS = 400;

/**
 * Static findings of open model JSON files in the Problems panel: refreshed on open, save, while
 * typing (debounced, from the editor's text, not the file) and when equilens.group changes;
 * cleared on close. Half-typed JSON keeps the last diagnostics.
 */
export class ModelDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('equilens');
  private readonly typing = new KeyedDebounce<vscode.TextDocument>(TYPING_PAUSE_MS);
  private readonly disposables: vscode.Disposable[] = [this.collection, this.typing];
  /** One analysis per document version and group: hovers and code actions reuse what diagnostics computed. */
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; group: string; analysis: DocumentAnalysis | null }>();

  /** `help`: the page documenting static findings (docs/report-format.md online); codes link to its heading. */
  constructor(private readonly help: vscode.Uri) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Output channels and other languages change often too: only JSON files are scheduled.
        if (e.contentChanges.length && vscode.languages.match(MODEL_DOCUMENTS, e.document) > 0) this.typing.schedule(e.document, () => this.update(e.document));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.typing.cancel(d);
        this.collection.delete(d.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('equilens.group')) this.updateAll();
      }),
    );
    this.updateAll();
  }

  /** The static analysis of a model document's current text; null for other documents or unparseable text. */
  analysis(doc: vscode.TextDocument): DocumentAnalysis | null {
    if (vscode.languages.match(MODEL_DOCUMENTS, doc) === 0) return null;
    const group = groupFor(doc);
    const hit = this.cache.get(doc);
    if (hit?.version === doc.version && hit.group === group) return hit.analysis;
    const analysis = analyzeText(doc.getText(), group);
    this.cache.set(doc, { version: doc.version, group, analysis });
    return analysis;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private updateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.update(doc);
  }

  private update(doc: vscode.TextDocument): void {
    this.typing.cancel(doc);
    if (doc.isClosed || vscode.languages.match(MODEL_DOCUMENTS, doc) === 0) return;
    const analysis = this.analysis(doc);
    switch (diagnosticsUpdate(doc.getText(), analysis)) {
      case 'set':
        this.collection.set(
          doc.uri,
          toDiagnosticSpecs(analysis!, doc.getText()).map((s) => this.toDiagnostic(doc, s)),
        );
        break;
      case 'clear':
        this.collection.delete(doc.uri);
        break;
      case 'keep':
        break;
    }
  }

  private toDiagnostic(doc: vscode.TextDocument, s: DiagnosticSpec): vscode.Diagnostic {
    const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end)), s.message, SEVERITY[s.severity]);
    d.source = 'EquiLens';
    d.code = { value: s.code, target: this.help.with({ fragment: s.anchor }) };
    return d;
  }
}
