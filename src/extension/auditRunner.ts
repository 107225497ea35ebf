import { Worker } from 'node:worker_threads';
import type { AuditEvent, AuditSpec } from '../core/audit/spec';
import type { AuditReport } from '../core/report/types';
import type { BackendSetting, FromWorker, ToWorker } from '../protocol';

/** vscode.CancellationToken's shape, so this module stays free of vscode (and testable in Node). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** The audit stopped with the one line the CLI would print (without 'equilens: '). */
export class AuditFailed extends Error {
  constructor(
    message: string,
    /** True for bad input (the CLI's exit 2); false for internal errors. */
    readonly inputError: boolean,
    /** An internal error's stack, for the log (never shown in the panel). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AuditFailed';
  }
}

/** The user cancelled: front ends stop quietly. */
export class AuditCancelled extends Error {
  constructor() {
    super('audit cancelled');
    this.name = 'AuditCancelled';
  }
}

export interface RunOptions {
  backend: BackendSetting;
  /** False in untrusted workspaces: the worker never loads native tfjs-node there. */
  allowNative: boolean;
  /** Folders whose node_modules may hold tfjs-node(-gpu), after our own. */
  nativePaths?: string[];
  /** Folders whose node_modules may hold onnxruntime-node (ONNX models), after our own. */
  onnxPaths?: string[];
  /** Member-parallel threads inside the audit worker (equilens.workers); absent: every core, see runAuditPool. */
  workers?: number;
  onEvent?: (event: AuditEvent) => void;
  onBackend?: (description: string) => void;
  token?: CancelToken;
}

/**
 * Runs each audit in its own worker thread (dist/worker.js), so tfjs never runs in the extension
 * host and two audits never share a backend, memory or an abort signal.
 */
export class AuditRunner {
  constructor(
    private readonly workerPath: string,
    /** How long a cancelled worker may take to stop by itself before it is terminated. */
    private readonly graceMs = 1500,
  ) {}

  /** The report, or a rejection with AuditFailed or AuditCancelled. The worker ends either way. */
  run(spec: AuditSpec, o: RunOptions): Promise<AuditReport> {
    return new Promise((resolve, reject) => {
      if (o.token?.isCancellationRequested) return reject(new AuditCancelled());
      const worker = new Worker(this.workerPath);
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let cancelSub: { dispose(): void } | undefined;
      const settle = (finish: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        cancelSub?.dispose();
        void worker.terminate();
        finish();
      };
      worker.on('message', (m: FromWorker) => {
        if (done) return;
        switch (m.kind) {
          case 'backend':
            o.onBackend?.(m.description);
            break;
          case 'event': {
            const event = m.event;
            o.onEvent?.(event);
            if (event.kind === 'finished') settle(() => resolve(event.report));
            break;
          }
          case 'failed':
            settle(() => reject(new AuditFailed(m.message, m.inputError, m.stack)));
            break;
          case 'cancelled':
            settle(() => reject(new AuditCancelled()));
            break;
        }
      });
      worker.on('error', (e) => settle(() => reject(new AuditFailed(`internal error: ${e.message} (please report this)`, false, e.stack))));
      worker.on('exit', (code) => settle(() => reject(new AuditFailed(`internal error: the audit worker stopped (exit code ${code})`, false))));
      cancelSub = o.token?.onCancellationRequested(() => {
        worker.postMessage({ kind: 'cancel' } satisfies ToWorker);
        // tfjs may be deep in a member's predictions: stop the thread if it does not answer soon.
        timer ??= setTimeout(() => settle(() => reject(new AuditCancelled())), this.graceMs);
      });
      worker.postMessage({ kind: 'run', spec, backend: o.backend, allowNative: o.allowNative, nativePaths: o.nativePaths, onnxPaths: o.onnxPaths, workers: o.workers } satisfies ToWorker);
    });
  }
}
