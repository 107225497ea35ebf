import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditReport } from '../core/report/types';
import { EXPORT_FORMATS, exportFileName, renderExport, type ExportFormat } from './exportFormats';

/** Asks for a format (unless given) and a file, then writes the report there. */
export async function exportReport(extensionPath: string, report: AuditReport, label: string, format?: ExportFormat): Promise<void> {
  format ??= await pickFormat();
  if (!format) return;
  const f = EXPORT_FORMATS[format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = exportFileName(label, report.group.name, format);
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [f.filter]: [f.extension] },
    saveLabel: 'Export',
    title: `Export EquiLens report as ${f.label}`,
  });
  if (!target) return;
  const assets = () => ({
    script: readFileSync(path.join(extensionPath, 'dist', 'webview', 'panel.js'), 'utf8'),
    css: readFileSync(path.join(extensionPath, 'media', 'panel.css'), 'utf8'),
  });
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderExport(report, format, assets)));
  } catch (e) {
    void vscode.window.showErrorMessage(`EquiLens: cannot export the report: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const open = await vscode.window.showInformationMessage(`EquiLens: report written to ${vscode.workspace.asRelativePath(target)}`, 'Open');
  if (!open) return;
  // The HTML export is made for a browser; the others read well in the editor.
  if (format === 'html') await vscode.env.openExternal(target);
  else await vscode.commands.executeCommand('vscode.open', target);
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => ({ format, label: EXPORT_FORMATS[format].label, detail: EXPORT_FORMATS[format].detail }));
  return (await vscode.window.showQuickPick(items, { title: 'Export EquiLens report', placeHolder: 'Format' }))?.format;
}
