import * as vscode from 'vscode';
import { MODEL_DOCUMENTS } from '../codeLens';
import { analyzeText, findingsFor, hoverMarkdown, toDiagnosticSpecs, type DiagnosticSpec, type DocumentAnalysis } from './findingDiagnostics';
import { layerAt } from './layerRanges';

const SEVERITY: Record<DiagnosticSpec['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** The group static findings are read under: the equilens.group setting for that file. */
function groupFor(doc: vscode.TextDocument): string {
  return vscode.workspace.getConfiguration('equilens', doc.uri).get<string>('group', 'c4');
}

/**
 * Static findings of open model JSON files in the Problems panel (refreshed on open, save and
 * when equilens.group changes; cleared on close) and as hovers on their layers.
 */
export class ModelDiagnostics implements vscode.HoverProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('equilens');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** One analysis per document version and group: hovers reuse what diagnostics computed. */
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; group: string; analysis: DocumentAnalysis | null }>();

  constructor(private readonly readme: vscode.Uri) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.update(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('equilens.group')) this.updateAll();
      }),
      vscode.languages.registerHoverProvider(MODEL_DOCUMENTS, this),
    );
    this.updateAll();
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.analyze(doc);
    if (!analysis) return undefined;
    const layer = layerAt(analysis.layers, doc.offsetAt(position));
    if (!layer) return undefined;
    const range = new vscode.Range(doc.positionAt(layer.node.offset), doc.positionAt(layer.node.offset + layer.node.length));
    return new vscode.Hover(new vscode.MarkdownString(hoverMarkdown(layer.name, groupFor(doc), findingsFor(analysis.findings, layer))), range);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private updateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.update(doc);
  }

  private update(doc: vscode.TextDocument): void {
    const analysis = this.analyze(doc);
    if (!analysis) {
      this.collection.delete(doc.uri);
      return;
    }
    this.collection.set(doc.uri, toDiagnosticSpecs(analysis).map((s) => this.toDiagnostic(doc, s)));
  }

  private analyze(doc: vscode.TextDocument): DocumentAnalysis | null {
    if (vscode.languages.match(MODEL_DOCUMENTS, doc) === 0) return null;
    const group = groupFor(doc);
    const hit = this.cache.get(doc);
    if (hit?.version === doc.version && hit.group === group) return hit.analysis;
    const analysis = analyzeText(doc.getText(), group);
    this.cache.set(doc, { version: doc.version, group, analysis });
    return analysis;
  }

  private toDiagnostic(doc: vscode.TextDocument, s: DiagnosticSpec): vscode.Diagnostic {
    const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end)), s.message, SEVERITY[s.severity]);
    d.source = 'EquiLens';
    d.code = { value: s.code, target: this.readme.with({ fragment: s.anchor }) };
    return d;
  }
}
