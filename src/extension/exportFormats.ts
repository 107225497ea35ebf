import { renderMarkdown } from '../core/report/markdown';
import type { AuditReport } from '../core/report/types';
import { standaloneHtml } from '../webview/shell';

export type ExportFormat = 'html' | 'md' | 'json';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; detail: string; extension: string; filter: string }> = {
  html: { label: 'HTML', detail: 'the report panel as one file that opens offline in any browser', extension: 'html', filter: 'HTML' },
  md: { label: 'Markdown', detail: 'tables and the verdict, for a README or a pull request', extension: 'md', filter: 'Markdown' },
  json: { label: 'JSON', detail: 'the full report (schemaVersion 1), for scripts', extension: 'json', filter: 'JSON' },
};

/** The file's text. HTML inlines the panel's script and stylesheet (read by the caller). */
export function renderExport(report: AuditReport, format: ExportFormat, assets: () => { script: string; css: string }): string {
  switch (format) {
    case 'html':
      return standaloneHtml(report, assets());
    case 'md':
      return renderMarkdown(report);
    case 'json':
      // The same file as the CLI's --json.
      return JSON.stringify(report, null, 2) + '\n';
  }
}

/** 'equilens-compatible-augmented-c4.md': a default name for the save dialog. */
export function exportFileName(label: string, group: string, format: ExportFormat): string {
  const stem = `${label}-${group}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `equilens-${stem}.${EXPORT_FORMATS[format].extension}`;
}
