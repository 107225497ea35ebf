/**
 * Typed messages between the extension host, the audit worker and the report webview.
 * One module imported by every end; each message is a `kind` literal plus a typed payload.
 */
import type { AuditEvent, AuditSpec } from './core/audit/spec';
import type { AuditReport, MemberResult, ProbePicture } from './core/report/types';
import type { AdapterInfo } from './webview/compute/adapter';
import type { ComputeRequest } from './webview/compute/computeAudit';
import type { MetaOp } from './webview/compute/remoteFiles';
import type { WebBackendChoice } from './webview/compute/webBackend';

export type { ProbePicture };

/** Which backend the worker should use (see src/node/backend.ts). */
export type BackendSetting = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** equilens.compute: where audits run. 'auto' prefers a hardware GPU in the webview (see computePlace.ts). */
export type ComputeSetting = 'auto' | 'extensionHost' | 'webview';

export type { AdapterInfo, ComputeRequest, MetaOp, WebBackendChoice };

// ── extension host ⇄ audit worker (worker_threads) ─────────────────────────────

export type ToWorker =
  /** nativePaths: folders whose node_modules may hold tfjs-node(-gpu); onnxPaths: onnxruntime-node (trusted workspaces only). */
  /** workers: member-parallel threads (equilens.workers; absent: every core, see runAuditPool). */
  { kind: 'run'; spec: AuditSpec; backend: BackendSetting; allowNative: boolean; nativePaths?: string[]; onnxPaths?: string[]; workers?: number } | { kind: 'cancel' };

export type FromWorker =
  | { kind: 'backend'; description: string }
  | { kind: 'event'; event: AuditEvent }
  /** `message` is the one line the CLI would print (without the 'equilens: ' prefix); `stack`, an internal error's, for the extension's log. */
  | { kind: 'failed'; message: string; inputError: boolean; stack?: string }
  | { kind: 'cancelled' };

// ── extension host ⇄ report webview ────────────────────────────────────────────

/** What the panel shows; also what WebviewPanelSerializer restores after a reload. */
export interface PanelState {
  title: string;
  /** The audit's group name ('c4'), shown in the header beside Change group…; absent in states saved before it. */
  group?: string;
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
  /** Asks for another group and audits the same models under it. */
  | { kind: 'changeGroup' }
  | { kind: 'export'; format: 'html' | 'md' | 'json' }
  | { kind: 'openFile'; path: string };

// ── extension host ⇄ report webview, when the audit runs in the webview (equilens.compute) ──
// Kept apart from ToPanel/FromPanel: these drive the engine, not what the panel shows. The
// webview's events come back as computeEvent and reach the panel as ordinary ToPanel messages.

export type ComputeToPanel =
  /** Which GPU can this webview use? Answered with 'adapter', without loading the engine. */
  | { kind: 'detectAdapter' }
  /** engineUri: dist/webview/engine.js as a webview URI, imported only now. */
  | { kind: 'compute'; id: number; engineUri: string; request: ComputeRequest }
  | { kind: 'computeCancel'; id: number }
  /** The answer to 'fs' number `id`: the FileSystem method's value, or a failure. */
  | { kind: 'fsResult'; id: number; ok: true; value: unknown }
  | { kind: 'fsResult'; id: number; ok: false };

export type ComputeFromPanel =
  | { kind: 'adapter'; adapter: AdapterInfo | null }
  /** File metadata for the engine (bytes are fetched from webview URIs, never sent here). */
  | { kind: 'fs'; id: number; op: MetaOp; path: string }
  | { kind: 'computeEvent'; id: number; event: AuditEvent }
  /** `message` is the one line the CLI would print; inputError: the CLI's exit 2. */
  | { kind: 'computeFailed'; id: number; message: string; inputError: boolean }
  | { kind: 'computeCancelled'; id: number };
