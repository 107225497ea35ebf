import * as vscode from 'vscode';
import { DEFAULT_LIMITS } from '../../core/load/limits';
import { isOnnxPath } from '../../core/load/onnx/onnxFile';
import type { AuditReport } from '../../core/report/types';
import { toPosix } from '../../node/nodeFiles';
import type { DiagnosticSpec } from './findingDiagnostics';
import { findingsByMember, isArchitectureFinding, memberSpecs, type MemberFindings, type PlacedSpec } from './memberFindings';

const SEVERITY: Record<DiagnosticSpec['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * An audit's findings on every member's file in the Problems panel, open in an editor or not:
 * the text is read from disk (workspace.fs) to locate each layer. The newest audit of a file
 * wins. While a file is open, its architecture findings are left to the live diagnostics
 * (ModelDiagnostics, from the editor's text) so they are not listed twice; they come back on close.
 */
export class AuditDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('equilens-audit');
  private readonly byFile = new Map<string, MemberFindings>();
  /** Renders started per file: a slower read finishing after a newer one is dropped. */
  private readonly renders = new Map<string, number>();
  private readonly disposables: vscode.Disposable[];

  /** `help`: the page documenting the findings; each code links to its heading. */
  constructor(private readonly help: vscode.Uri) {
    this.disposables = [this.collection, vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d.uri)), vscode.workspace.onDidCloseTextDocument((d) => this.refresh(d.uri))];
  }

  /** Shows a finished audit's findings on its members' files (`files`: absolute, parallel to report.members; `resolve`: see findingsByMember). */
  async publish(report: AuditReport, files: readonly string[], resolve?: (shown: string) => string): Promise<void> {
    const members = findingsByMember(report, files, resolve);
    for (const m of members) this.byFile.set(m.file, m);
    await Promise.all(members.map((m) => this.render(m)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private refresh(uri: vscode.Uri): void {
    const m = uri.scheme === 'file' ? this.byFile.get(toPosix(uri.fsPath)) : undefined;
    if (m) void this.render(m);
  }

  private async render(m: MemberFindings): Promise<void> {
    const uri = vscode.Uri.file(m.file);
    const turn = (this.renders.get(m.file) ?? 0) + 1;
    this.renders.set(m.file, turn);
    const open = vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.scheme === 'file' && toPosix(d.uri.fsPath) === m.file);
    const findings = open ? m.findings.filter((f) => !isArchitectureFinding(f)) : m.findings;
    const text = findings.length ? await readText(uri) : null;
    if (this.renders.get(m.file) !== turn) return;
    // A member file gone since the audit has nowhere to show its problems.
    const specs = text === undefined ? [] : memberSpecs({ ...m, findings }, text);
    if (specs.length)
      this.collection.set(
        uri,
        specs.map((s) => this.toDiagnostic(s)),
      );
    else this.collection.delete(uri);
  }

  private toDiagnostic(s: PlacedSpec): vscode.Diagnostic {
    const range = new vscode.Range(s.from.line, s.from.character, s.to.line, s.to.character);
    const d = new vscode.Diagnostic(range, s.message, SEVERITY[s.severity]);
    d.source = 'EquiLens';
    d.code = {
      value: s.code,
      target: this.help.with({ fragment: s.anchor }),
    };
    return d;
  }
}

/** A model JSON's text (null: an ONNX file or one over the model JSON size cap, placed at its start; undefined: unreadable). */
async function readText(uri: vscode.Uri): Promise<string | null | undefined> {
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (isOnnxPath(uri.path) || size > DEFAULT_LIMITS.maxJsonBytes) return null;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
