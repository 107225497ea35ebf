import * as vscode from 'vscode';
import { HELP } from '../../core/ci/rules';
import type { LineChar } from '../diagnostics/configErrors';

/** A check's Problems-panel entry before it becomes a vscode.Diagnostic. */
export interface CheckProblem {
  /** Absolute file path. */
  file: string;
  start: LineChar;
  end: LineChar;
  message: string;
  /** The threshold name, or 'config' for a config audit that could not be expanded. */
  code: string;
}

/**
 * Failed thresholds (and config audits whose models match nothing) in the Problems panel, kept
 * per audit: a check replaces the entries of the audits it ran, a whole-workspace check all of them.
 * Its own collection, so the live static-finding diagnostics on the same files never erase these.
 */
export class CheckDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('equilens-check');
  private readonly byAudit = new Map<string, CheckProblem[]>();

  /** `help`: the page documenting thresholds (docs/configuration.md online); codes link to its heading. */
  constructor(private readonly help: vscode.Uri) {}

  /** Sets the problems of each audit in `problems` (keyed by audit); `replaceAll` forgets every other audit's first. */
  publish(problems: ReadonlyMap<string, CheckProblem[]>, replaceAll: boolean): void {
    if (replaceAll) this.byAudit.clear();
    for (const [key, list] of problems) this.byAudit.set(key, list);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of [...this.byAudit.values()].flat()) {
      const list = byFile.get(p.file) ?? [];
      list.push(this.toDiagnostic(p));
      byFile.set(p.file, list);
    }
    this.collection.clear();
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.collection.dispose();
  }

  private toDiagnostic(p: CheckProblem): vscode.Diagnostic {
    const range = new vscode.Range(p.start.line, p.start.character, p.end.line, p.end.character);
    const d = new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Error);
    d.source = 'EquiLens';
    d.code = p.code === 'config' ? p.code : { value: p.code, target: this.help.with({ fragment: HELP.thresholds.anchor }) };
    return d;
  }
}
