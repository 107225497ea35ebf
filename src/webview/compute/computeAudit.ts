// An audit run inside the report webview: the same runAudit the CLI runs, on the webview's
// backend (the user's GPU through WebGPU/WebGL), reading files through remoteFiles.
import { runAudit } from '../../core/audit/runAudit';
import type { AuditEvent, AuditSpec } from '../../core/audit/spec';
import type { AuditReport } from '../../core/report/types';
import { decodeImageInBrowser } from './imageDecoder';
import { remoteFiles, type MetaOp, type ResourceRoot } from './remoteFiles';
import { initWebBackend, type WebBackendChoice } from './webBackend';
import { webOnnxEngine } from './webOnnx';

/** What the host sends to start an audit in the webview. */
export interface ComputeRequest {
  spec: AuditSpec;
  backend: WebBackendChoice;
  /** URL folder of the .wasm files (dist/webview/). */
  wasmBase: string;
  roots: ResourceRoot[];
  /** URL folder of onnxruntime-web's dist/ (ending in '/'), when the host found it; absent: ONNX members are refused. */
  onnxBase?: string;
}

export interface ComputeIO {
  meta(op: MetaOp, path: string): Promise<unknown>;
  onEvent(event: AuditEvent): void;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

export async function computeAudit(req: ComputeRequest, io: ComputeIO): Promise<AuditReport> {
  const backend = await initWebBackend(req.backend, req.wasmBase);
  // postMessage carries JSON: a whole probe file's count (Infinity) arrives as null.
  const spec = { ...req.spec, probesCount: (req.spec.probesCount as number | null) ?? Infinity };
  const onnx = req.onnxBase ? webOnnxEngine(req.onnxBase) : undefined;
  // TF.js members stay on tfjs's backend here (the webview was chosen for its GPU) unless the
  // spec asks for onnxruntime outright: onnxruntime-web is for ONNX members.
  if (onnx && spec.engine !== 'onnxruntime') spec.engine = 'tfjs';
  return runAudit(spec, {
    fs: remoteFiles({ meta: io.meta, roots: req.roots, fetch: io.fetch }),
    backend: backend.description,
    compute: { place: 'webview', adapter: backend.adapter && `${backend.adapter.name} (${backend.adapter.api})`, software: backend.adapter?.software ?? null },
    decodeImage: decodeImageInBrowser,
    onnx,
    signal: io.signal,
    onEvent: io.onEvent,
  });
}
