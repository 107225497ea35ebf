import type { AuditEvent } from '../core/audit/spec';
import type { AdapterInfo, ComputeFromPanel, MetaOp } from '../protocol';

const META_OPS = new Set<string>(['stat', 'readDir', 'realPath']);
const EVENT_KINDS = new Set<string>(['started', 'progress', 'member', 'finished']);
/** Longer strings are not adapter names or one-line errors: refuse rather than show them. */
const MAX_TEXT = 4096;

/**
 * A compute message from the webview checked against ComputeFromPanel, or null. The webview
 * runs our code, but what it sends is still treated as input: file requests name paths the
 * host then confines to the audit's folders (webviewCompute.ts).
 */
export function parseComputeFromPanel(raw: unknown): ComputeFromPanel | null {
  if (!isRecord(raw)) return null;
  switch (raw.kind) {
    case 'adapter':
      return raw.adapter === null || isAdapter(raw.adapter) ? { kind: 'adapter', adapter: raw.adapter } : null;
    case 'fs':
      return isId(raw.id) && typeof raw.op === 'string' && META_OPS.has(raw.op) && isPath(raw.path) ? { kind: 'fs', id: raw.id, op: raw.op as MetaOp, path: raw.path } : null;
    case 'computeEvent':
      return isId(raw.id) && isEvent(raw.event) ? { kind: 'computeEvent', id: raw.id, event: raw.event } : null;
    case 'computeFailed':
      return isId(raw.id) && isText(raw.message) && typeof raw.inputError === 'boolean' ? { kind: 'computeFailed', id: raw.id, message: raw.message, inputError: raw.inputError } : null;
    case 'computeCancelled':
      return isId(raw.id) ? { kind: 'computeCancelled', id: raw.id } : null;
    default:
      return null;
  }
}

function isAdapter(v: unknown): v is AdapterInfo {
  return isRecord(v) && (v.api === 'webgpu' || v.api === 'webgl') && isText(v.name) && typeof v.software === 'boolean';
}

/** The event's outline; the numbers inside are shown as text and charted, never executed. */
function isEvent(v: unknown): v is AuditEvent {
  if (!isRecord(v) || typeof v.kind !== 'string' || !EVENT_KINDS.has(v.kind)) return false;
  switch (v.kind) {
    case 'started':
      return Array.isArray(v.members) && v.members.every((m) => typeof m === 'string') && isCount(v.order) && isCount(v.probes) && typeof v.group === 'string';
    case 'progress':
      return isCount(v.done) && isCount(v.total) && isCount(v.member);
    case 'member':
      return isCount(v.index) && isRecord(v.result) && typeof v.result.path === 'string';
    default: {
      const r = v.report;
      return isRecord(r) && r.schemaVersion === 1 && Array.isArray(r.members) && isRecord(r.group) && Array.isArray(r.perElement);
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isId = isCount;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
/** Absolute core paths only ('/…' or 'C:/…'); NUL never. */
const isPath = (v: unknown): v is string => isText(v) && !v.includes('\0') && (v.startsWith('/') || /^[A-Za-z]:\//.test(v));
