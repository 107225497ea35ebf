// The audit worker (dist/worker.js): one audit per thread, started by src/extension/auditRunner.ts.
// It speaks ToWorker/FromWorker and is the only place the extension runs tfjs.
import { parentPort } from 'node:worker_threads';
import { AuditCancelled, runAudit } from '../core/audit/runAudit';
import { EquiLensError } from '../core/errors';
import { initBackend } from '../node/backend';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles } from '../node/nodeFiles';
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
    const backend = await initBackend(m.backend, m.allowNative);
    post({ kind: 'backend', description: backend.description });
    // The report arrives as the 'finished' event; nothing else to send.
    await runAudit(m.spec, { fs: nodeFiles, backend: backend.description, decodeImage, signal, onEvent: (event) => post({ kind: 'event', event }) });
  } catch (e) {
    post(outcome(e));
  }
}

/** The same split the CLI makes: EquiLensError is bad input (one line), anything else is ours. */
function outcome(e: unknown): FromWorker {
  if (e instanceof AuditCancelled) return { kind: 'cancelled' };
  if (e instanceof EquiLensError) return { kind: 'failed', message: e.message, inputError: true };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'failed', message: `internal error: ${message.split('\n')[0]} (please report this)`, inputError: false };
}
