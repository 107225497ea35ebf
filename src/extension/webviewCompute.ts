import * as vscode from 'vscode';
import type { AuditEvent, AuditSpec } from '../core/audit/spec';
import { dirname, isInside } from '../core/io/paths';
import type { AuditReport } from '../core/report/types';
import { confinedTo } from '../node/confinedTo';
import { nodeFiles, toPosix } from '../node/nodeFiles';
import type { AdapterInfo, ComputeFromPanel, MetaOp, WebBackendChoice } from '../protocol';
import { AuditCancelled, AuditFailed, type CancelToken } from './auditRunner';
import type { ReportPanel } from './reportPanel';

/** How long a cancelled webview audit may take to stop (a GPU batch in flight) before we give up on it. */
const CANCEL_GRACE_MS = 3000;
/** The adapter question needs no engine: a webview that does not answer within this has none to offer. */
const DETECT_TIMEOUT_MS = 5000;

let nextId = 0;

/** Asks the panel's webview which GPU it can use (null: none, or no answer in time). */
export async function detectAdapter(panel: ReportPanel): Promise<AdapterInfo | null> {
  if (!(await panel.whenReady())) return null;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), DETECT_TIMEOUT_MS);
    const sub = panel.onCompute((m) => m.kind === 'adapter' && finish(m.adapter));
    function finish(a: AdapterInfo | null) {
      clearTimeout(timer);
      sub.dispose();
      resolve(a);
    }
    panel.postCompute({ kind: 'detectAdapter' });
  });
}

/**
 * Runs an audit in the panel's webview (equilens.compute): the webview fetches model and probe
 * files from webview URIs and asks us only for metadata, which we answer for paths inside the
 * audit's folders. Resolves with the report; rejects with AuditFailed or AuditCancelled.
 */
export async function runInWebview(
  panel: ReportPanel,
  extensionUri: vscode.Uri,
  spec: AuditSpec,
  o: { backend: WebBackendChoice; token?: CancelToken; onEvent?: (e: AuditEvent) => void },
): Promise<AuditReport> {
  const folders = await auditFolders(spec);
  if (!(await panel.whenReady())) throw new AuditCancelled();
  const webview = panel.webview;
  const uri = (p: string) => webview.asWebviewUri(vscode.Uri.file(p)).toString();
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const id = nextId++;
  return new Promise<AuditReport>((resolve, reject) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subs: { dispose(): void }[] = [];
    const settle = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      f();
    };
    subs.push(
      panel.onCompute((m) => handle(m)),
      panel.onDidDispose(() => settle(() => reject(new AuditCancelled()))),
    );
    const cancel = o.token?.onCancellationRequested(() => {
      panel.postCompute({ kind: 'computeCancel', id });
      timer ??= setTimeout(() => settle(() => reject(new AuditCancelled())), CANCEL_GRACE_MS);
    });
    if (cancel) subs.push(cancel);

    function handle(m: ComputeFromPanel): void {
      switch (m.kind) {
        case 'fs':
          void answer(m.id, m.op, m.path);
          break;
        case 'computeEvent':
          if (m.id === id) {
            const event = m.event;
            o.onEvent?.(event);
            if (event.kind === 'finished') settle(() => resolve(event.report));
          }
          break;
        case 'computeFailed':
          if (m.id === id) settle(() => reject(new AuditFailed(m.message, m.inputError)));
          break;
        case 'computeCancelled':
          if (m.id === id) settle(() => reject(new AuditCancelled()));
          break;
      }
    }

    async function answer(fsId: number, op: MetaOp, path: string): Promise<void> {
      if (!(await confinedTo(folders, path))) return panel.postCompute({ kind: 'fsResult', id: fsId, ok: false });
      try {
        panel.postCompute({ kind: 'fsResult', id: fsId, ok: true, value: await nodeFiles[op](path) });
      } catch {
        panel.postCompute({ kind: 'fsResult', id: fsId, ok: false });
      }
    }

    if (o.token?.isCancellationRequested) return settle(() => reject(new AuditCancelled()));
    panel.postCompute({
      kind: 'compute',
      id,
      engineUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'engine.js')).toString(),
      request: {
        spec,
        backend: o.backend,
        wasmBase: webview.asWebviewUri(dist).toString() + '/',
        roots: folders.map((path) => ({ path, uri: uri(path) })),
        // onnxruntime-web, imported from where the user installed it (never from the VSIX): a resource root of this panel.
        ...(panel.onnxWeb && { onnxBase: uri(panel.onnxWeb) + '/' }),
      },
    });
  });
}

/** The folders an audit reads: each target folder (a file target's folder) and the probes'. */
export async function auditFolders(spec: AuditSpec): Promise<string[]> {
  const paths = [...spec.targets, ...(spec.probes ? [spec.probes] : [])];
  const out: string[] = [];
  for (const p of paths) {
    const st = await nodeFiles.stat(p);
    out.push(st?.kind === 'dir' ? p : dirname(p));
  }
  return [...new Set(out)];
}

/** True when every folder lies inside a workspace folder (the webview's resource roots). */
export function insideWorkspace(folders: readonly string[]): boolean {
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => toPosix(f.uri.fsPath));
  return folders.every((f) => roots.some((r) => isInside(r, f)));
}
