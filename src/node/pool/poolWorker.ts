// A member-parallel worker (dist/poolWorker.js), started by auditPool.ts: runs its share of an
// audit's members on its own tfjs engine and posts each member's evaluation, per-layer rows and
// Lie derivative evaluations (folded in member order by the main thread), nothing more.
import { parentPort, workerData } from 'node:worker_threads';
import { auditMembers } from '../../core/audit/runAudit';
import { EquiLensError } from '../../core/errors';
import { onnxOnce } from '../../core/load/onnx/onnxFile';
import { initBackend } from '../backend';
import { decodeImage } from '../imageDecoder';
import { nodeFiles } from '../nodeFiles';
import { nodeOnnxEngine } from '../onnxEngine';
import { aheadGate } from './aheadGate';
import type { FromPoolWorker, PoolJob, ToPoolWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('poolWorker.js runs as a worker thread');
const post = (m: FromPoolWorker) => port.postMessage(m);
const job = workerData as PoolJob;
// Members the main thread has taken: this worker runs at most POOL_AHEAD of its members past them.
const gate = aheadGate(job.shard.count);
const onMessage = (m: ToPoolWorker) => gate.taken(m.index);
port.on('message', onMessage);

async function run(job: PoolJob): Promise<void> {
  const { spec, shard, engine, onnxGraphs } = job;
  // Every worker has its own tfjs engine: the wasm backend is initialised here, once per thread.
  const backend = await initBackend(engine.backend, engine.allowNative ?? true, engine.nativePaths ?? [], engine.confined ?? false);
  // Discovery here finds the .onnx members' structures read already (the main thread's): each file is read once, by its load.
  const host = { fs: onnxOnce(nodeFiles, onnxGraphs), backend: backend.description, decodeImage, onnx: engine.onnx === null ? undefined : nodeOnnxEngine(engine.onnx) };
  // Pictures are the main thread's; per-layer floors and the Lie derivative run here, their parts go with each evaluation.
  await auditMembers({ ...spec, pictures: 0 }, host, shard, () => undefined, {
    before: (i) => gate.before(i),
    // With what its load saw: the main thread may never load this member (MemberHooks.remote).
    onEvaluated: (index, done) => post({ kind: 'member', index, done }),
  });
}

run(job).then(
  () => {
    post({ kind: 'done' });
    port.off('message', onMessage); // nothing left to wait for: the thread may end
  },
  (e: unknown) => {
    if (e instanceof EquiLensError) post({ kind: 'failed', file: e.file, problem: e.problem, message: e.message });
    else post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    port.off('message', onMessage);
  },
);
