/**
 * Typed messages between the extension host, the audit worker and the report webview.
 * One module imported by every end; each message is a `kind` literal plus a typed payload.
 */
import type { AuditEvent, AuditSpec } from './core/audit/spec';
import type { AuditReport, MemberResult, ProbePicture } from './core/report/types';

export type { ProbePicture };

/** Which backend the worker should use (see src/node/backend.ts). */
export type BackendSetting = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

// ── extension host ⇄ audit worker (worker_threads) ─────────────────────────────

export type ToWorker =
  | { kind: 'run'; spec: AuditSpec; backend: BackendSetting; allowNative: boolean }
  | { kind: 'cancel' };

export type FromWorker =
  | { kind: 'backend'; description: string }
  | { kind: 'event'; event: AuditEvent }
  /** `message` is the one line the CLI would print (without the 'equilens: ' prefix). */
  | { kind: 'failed'; message: string; inputError: boolean }
  | { kind: 'cancelled' };

// ── extension host ⇄ report webview ────────────────────────────────────────────

/** What the panel shows; also what WebviewPanelSerializer restores after a reload. */
export interface PanelState {
  title: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** Members audited so far while running (the progressive view). */
  members: MemberResult[];
  progress: { done: number; total: number } | null;
  report: AuditReport | null;
  error: string | null;
}

export type ToPanel =
  | { kind: 'state'; state: PanelState }
  | { kind: 'started'; title: string; members: string[]; order: number; probes: number }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'member'; index: number; result: MemberResult }
  | { kind: 'report'; report: AuditReport }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

export type FromPanel =
  | { kind: 'ready' }
  | { kind: 'cancel' }
  | { kind: 'rerun' }
  | { kind: 'export'; format: 'html' | 'md' | 'json' }
  | { kind: 'openFile'; path: string };
