// The audit worker (dist/worker.js): one audit per thread, started by src/extension/auditRunner.ts.
// It speaks ToWorker/FromWorker and is the only place the extension runs tfjs.
import { parentPort } from 'node:worker_threads';
import { auditFailure } from '../core/audit/outcome';
import { initBackend } from '../node/backend';
import { nodeCompute } from '../node/computeInfo';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles } from '../node/nodeFiles';
import { nodeOnnxEngine } from '../node/onnxEngine';
import { runAuditPool } from '../node/pool/auditPool';
import type { AuditEvent } from '../core/audit/spec';
import type { FromWorker, ToWorker } from '../protocol';

const port = parentPort;
if (!port) throw new Error('auditWorker.js runs as a worker thread');
const post = (m: FromWorker) => port.postMessage(m);
let abort: AbortController | null = null;

port.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'run':
      if (abort) return; // one audit per worker
      abort = new AbortController();
      void run(m, abort.signal);
      break;
    case 'cancel':
      abort?.abort();
      break;
  }
});

async function run(m: Extract<ToWorker, { kind: 'run' }>, signal: AbortSignal): Promise<void> {
  try {
    // The extension's worker: native code only from EquiLens's own folder or equilens.tfjsNodePath.
    const backend = await initBackend(m.backend, m.allowNative, m.nativePaths, true);
    post({ kind: 'backend', description: backend.description });
    // The report arrives as the 'finished' event; nothing else to send.
    // ONNX members: onnxruntime-node from EquiLens's own folder or equilens.onnxRuntimePath, native code only when trusted.
    const onnxOptions = { paths: m.onnxPaths, confined: true, allowed: m.allowNative };
    const onnx = nodeOnnxEngine(onnxOptions);
    const host = {
      fs: nodeFiles,
      backend: backend.description,
      compute: nodeCompute('extensionHost', backend),
      decodeImage,
      onnx,
      signal,
      onEvent: (event: AuditEvent) => post({ kind: 'event', event }),
    };
    // Members in equilens.workers threads (default: every core), each set up by the same rules as this one.
    const engine = { backend: m.backend, allowNative: m.allowNative, nativePaths: m.nativePaths, confined: true, onnx: onnxOptions };
    await runAuditPool(m.spec, host, engine, m.workers);
  } catch (e) {
    const f = auditFailure(e);
    // An internal error's stack goes to the extension's log; bad input is one line, as in the CLI.
    const stack = f.kind === 'failed' && !f.inputError && e instanceof Error ? e.stack : undefined;
    post(f.kind === 'cancelled' ? f : { kind: 'failed', message: f.message, inputError: f.inputError, ...(stack && { stack }) });
  }
}
