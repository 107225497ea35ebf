// A member-parallel worker (dist/poolWorker.js), started by auditPool.ts: runs its share of an
// audit's members on its own tfjs engine and posts each member's evaluation, nothing more.
import { parentPort, workerData } from 'node:worker_threads';
import { auditMembers } from '../../core/audit/runAudit';
import { EquiLensError } from '../../core/errors';
import { initBackend } from '../backend';
import { decodeImage } from '../imageDecoder';
import { nodeFiles } from '../nodeFiles';
import { nodeOnnxEngine } from '../onnxEngine';
import type { FromPoolWorker, PoolJob } from './protocol';

const port = parentPort;
if (!port) throw new Error('poolWorker.js runs as a worker thread');
const post = (m: FromPoolWorker) => port.postMessage(m);

async function run(job: PoolJob): Promise<void> {
  const { spec, shard, engine } = job;
  // Every worker has its own tfjs engine: the wasm backend is initialised here, once per thread.
  const backend = await initBackend(engine.backend, engine.allowNative ?? true, engine.nativePaths ?? [], engine.confined ?? false);
  const host = { fs: nodeFiles, backend: backend.description, decodeImage, onnx: engine.onnx === null ? undefined : nodeOnnxEngine(engine.onnx) };
  // Per-layer floors and pictures are the main thread's (it runs them in member order).
  await auditMembers({ ...spec, localise: false, lie: false, pictures: 0 }, host, shard, () => undefined, {
    // With what its load saw: the main thread may never load this member (MemberHooks.remote).
    onEvaluated: (index, done) => post({ kind: 'member', index, done }),
  });
}

run(workerData as PoolJob).then(
  () => post({ kind: 'done' }),
  (e: unknown) => {
    if (e instanceof EquiLensError) post({ kind: 'failed', file: e.file, problem: e.problem, message: e.message });
    else post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  },
);
