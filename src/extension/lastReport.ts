import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { AuditReport } from '../core/report/types';
import { writeFileAtomic } from '../node/writeFileAtomic';
import type { AuditRequest } from './auditRequest';

export interface LastReport {
  report: AuditReport;
  /** What produced it, so a panel showing it can run it again. */
  request: AuditRequest;
}

/**
 * The newest report of this workspace, for Open Last Report and Export Report. Kept in the
 * extension's workspace storage folder (reports with pictures can be megabytes: not for a Memento).
 */
export class LastReportStore {
  private last: LastReport | undefined;
  private readonly file: vscode.Uri | undefined;

  constructor(context: vscode.ExtensionContext) {
    const dir = context.storageUri ?? context.globalStorageUri;
    this.file = dir.scheme === 'file' ? vscode.Uri.joinPath(dir, 'last-report.json') : undefined;
  }

  async set(last: LastReport): Promise<void> {
    this.last = last;
    if (!this.file) return;
    try {
      await fsp.mkdir(vscode.Uri.joinPath(this.file, '..').fsPath, { recursive: true });
      await writeFileAtomic(this.file.fsPath, JSON.stringify(last));
    } catch {
      // Only the copy for the next session is lost; this session still has it in memory.
    }
  }

  async get(): Promise<LastReport | undefined> {
    if (this.last || !this.file) return this.last;
    try {
      const saved = JSON.parse(await fsp.readFile(this.file.fsPath, 'utf8')) as LastReport;
      if (saved?.report?.schemaVersion === 1 && Array.isArray(saved.request?.targets)) this.last = saved;
    } catch {
      // none saved yet, or from an older version
    }
    return this.last;
  }
}
