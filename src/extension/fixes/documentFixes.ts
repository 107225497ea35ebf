import type * as vscode from 'vscode';
import { toPosix } from '../../node/nodeFiles';
import { groupFor, outputFor } from '../diagnostics/documentSettings';
import type { DocumentAnalysis } from '../diagnostics/findingDiagnostics';
import type { LastReport, LastReportStore } from '../lastReport';
import { fixSet, type FixSet } from './fixSet';
import { reportForModel } from './modelReport';

/** A model document's analysis, the fixes for it, and the last report covering it (if any). */
export interface DocumentFixSet {
  analysis: DocumentAnalysis;
  set: FixSet;
  last: LastReport | undefined;
}

/** Fixes for open model documents: from the last audit that covered the file, else from its static findings. */
export class DocumentFixes {
  constructor(
    private readonly lastReport: LastReportStore,
    private readonly analyze: (doc: vscode.TextDocument) => DocumentAnalysis | null,
  ) {}

  async of(doc: vscode.TextDocument): Promise<DocumentFixSet | undefined> {
    const analysis = this.analyze(doc);
    if (!analysis) return undefined;
    const last = doc.uri.scheme === 'file' ? await reportForModel(this.lastReport, toPosix(doc.uri.fsPath)) : undefined;
    const facts = { findings: analysis.findings, group: groupFor(doc), sample: analysis.sample ?? null, output: outputFor(doc) };
    return { analysis, set: fixSet(facts, last && { report: last.report, label: last.request.label }), last };
  }
}
