import type { FromPanel, PanelState } from '../protocol';

const EXPORT_FORMATS = new Set(['html', 'md', 'json']);
const STATUSES = new Set(['running', 'done', 'failed', 'cancelled']);
/** Longest path accepted from the webview (Linux PATH_MAX); longer is not a file we would open. */
export const MAX_PANEL_PATH = 4096;

type Kind = FromPanel['kind'];
type Message<K extends Kind> = Extract<FromPanel, { kind: K }>;

/**
 * One validator per FromPanel kind: it reads only the fields that kind has, checks their exact
 * types, and builds a fresh message from them (extra fields are dropped, never copied, so keys
 * like __proto__ cannot ride along). The mapped type makes a new kind in protocol.ts a type
 * error here until it has its validator.
 */
const VALIDATORS: { [K in Kind]: (raw: Readonly<Record<string, unknown>>) => Message<K> | null } = {
  ready: () => ({ kind: 'ready' }),
  cancel: () => ({ kind: 'cancel' }),
  rerun: () => ({ kind: 'rerun' }),
  changeGroup: () => ({ kind: 'changeGroup' }),
  export: (raw) => {
    const format = own(raw, 'format');
    return typeof format === 'string' && EXPORT_FORMATS.has(format) ? { kind: 'export', format: format as Message<'export'>['format'] } : null;
  },
  openFile: (raw) => {
    const path = own(raw, 'path');
    const ok = typeof path === 'string' && path.length > 0 && path.length <= MAX_PANEL_PATH && !path.includes('\0');
    return ok ? { kind: 'openFile', path } : null;
  },
};

/** A webview message checked against FromPanel, or null: the webview's input is never trusted as is. */
export function parseFromPanel(raw: unknown): FromPanel | null {
  if (!isRecord(raw)) return null;
  const kind = own(raw, 'kind');
  // Own properties only: 'toString' or 'constructor' must not find Object.prototype's.
  if (typeof kind !== 'string' || !Object.hasOwn(VALIDATORS, kind)) return null;
  return VALIDATORS[kind as Kind](raw);
}

/** An own property's value; inherited ones (a crafted prototype) read as undefined. */
function own(raw: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(raw, key) ? raw[key] : undefined;
}

/**
 * The state a webview saved (vscode.setState) and VS Code hands back after a reload, or null when
 * it is not a PanelState. The report inside is checked only for its outline.
 */
export function parsePanelState(raw: unknown): PanelState | null {
  if (!isRecord(raw)) return null;
  const { title, group, status, members, progress, report, error } = raw;
  if (typeof title !== 'string' || typeof status !== 'string' || !STATUSES.has(status)) return null;
  if (group !== undefined && typeof group !== 'string') return null;
  // A member left out for NaN/Infinity sends no result: its slot is a hole, saved as null.
  if (!Array.isArray(members) || !members.every((m) => m === null || (isRecord(m) && typeof m.path === 'string'))) return null;
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
