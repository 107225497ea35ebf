import type { FromPanel, PanelState } from '../protocol';

const EXPORT_FORMATS = new Set(['html', 'md', 'json']);
const STATUSES = new Set(['running', 'done', 'failed', 'cancelled']);

/** A webview message checked against FromPanel, or null: the webview's input is never trusted as is. */
export function parseFromPanel(raw: unknown): FromPanel | null {
  if (!isRecord(raw)) return null;
  switch (raw.kind) {
    case 'ready':
    case 'cancel':
    case 'rerun':
      return { kind: raw.kind };
    case 'export':
      return typeof raw.format === 'string' && EXPORT_FORMATS.has(raw.format) ? { kind: 'export', format: raw.format as 'html' | 'md' | 'json' } : null;
    case 'openFile':
      return typeof raw.path === 'string' && raw.path.length > 0 && !raw.path.includes('\0') ? { kind: 'openFile', path: raw.path } : null;
    default:
      return null;
  }
}

/**
 * The state a webview saved (vscode.setState) and VS Code hands back after a reload, or null when
 * it is not a PanelState. The report inside is checked only for its outline.
 */
export function parsePanelState(raw: unknown): PanelState | null {
  if (!isRecord(raw)) return null;
  const { title, status, members, progress, report, error } = raw;
  if (typeof title !== 'string' || typeof status !== 'string' || !STATUSES.has(status)) return null;
  if (!Array.isArray(members) || !members.every((m) => isRecord(m) && typeof m.path === 'string')) return null;
  const progressOk = progress === null || (isRecord(progress) && isCount(progress.done) && isCount(progress.total));
  const reportOk = report === null || (isRecord(report) && report.schemaVersion === 1 && Array.isArray(report.members) && isRecord(report.group));
  if (!progressOk || !reportOk || !(error === null || typeof error === 'string')) return null;
  return raw as unknown as PanelState;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
