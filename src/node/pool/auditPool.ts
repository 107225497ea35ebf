import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AwayMember } from '../../core/audit/awayMember';
import { AuditCancelled, runAudit } from '../../core/audit/runAudit';
import type { AuditHost, AuditSpec } from '../../core/audit/spec';
import { EquiLensError } from '../../core/errors';
import { discoverMembers } from '../../core/load';
import { resolveLimits } from '../../core/load/limits';
import type { LoadedModel } from '../../core/load/types';
import type { AuditReport } from '../../core/report/types';
import { shardMembers } from '../../core/shard/select';
import type { FromPoolWorker, PoolEngine, PoolJob } from './protocol';

/** `--workers` default: every core. */
export function defaultWorkers(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/**
 * runAudit with members evaluated in worker threads (one tfjs engine each; worker w takes members
 * w, w+n, … like `--shard`, one member in memory at a time). The main thread runs the serial
 * pipeline — checkpoint signatures, per-layer floors, statistics, in member order — and takes
 * each member's orbit from its worker instead of computing it, so the report equals a serial run's
 * apart from timing. It loads the first member (the input plan, the report's model section); later
 * members only where per-layer floors (or the Lie derivative) read them, else their workers' loads
 * send what the main thread needs (weight scans, non-finite weights): peak memory is then workers ×
 * one member, plus the first's metadata. One worker, or one member: runAudit as is.
 *
 * `workers` undefined is the default: every core, except for members that run on onnxruntime
 * (.onnx files, TF.js models translated to ONNX), which already use every core as intra-op threads:
 * those stay in this thread. The pool starts when the first member is loaded and its engine known.
 */
export async function runAuditPool(spec: AuditSpec, host: AuditHost, engine: PoolEngine, workers?: number): Promise<AuditReport> {
  if ((workers !== undefined && workers <= 1) || host.signal?.aborted) return runAudit(spec, host);
  // Discovery is cheap (JSON names and sizes); the main run repeats it and reports its errors.
  const count = await discoverMembers(host.fs, spec.targets, resolveLimits(spec.limits)).then(
    (d) => d.members.length,
    () => 0,
  );
  const n = Math.min(workers ?? defaultWorkers(), count);
  const script = workerScript();
  if (n < 2 || !script) return runAudit(spec, host);
  // A host without an ONNX engine runs TF.js models on tfjs only: so do its workers.
  const job = { ...engine, ...(!host.onnx && { onnx: null }) };
  let pool: Pool | null = null;
  let inProcess = false;
  const stop = () => pool?.cancel();
  host.signal?.addEventListener('abort', stop, { once: true });
  const evaluate = (i: number, loaded: LoadedModel) => {
    if (inProcess) return null;
    if (!pool) {
      if (workers === undefined && runsOnOnnxRuntime(loaded)) {
        inProcess = true;
        return null;
      }
      pool = startPool(spec, job, n, count, script);
    }
    return pool.evaluate(i).then((d) => d.evaluation);
  };
  // Members after the first need not be loaded here at all when their worker's evaluation is all
  // this thread uses of them (runAudit decides: not with per-layer floors, which read the model).
  const remote = (i: number) => (pool && !inProcess ? pool.evaluate(i) : null);
  try {
    return await runAudit(spec, host, { evaluate, remote });
  } finally {
    host.signal?.removeEventListener('abort', stop);
    await (pool as Pool | null)?.close();
  }
}

/** Members whose forward pass onnxruntime runs, on every core already. */
function runsOnOnnxRuntime(m: LoadedModel): boolean {
  return m.format === 'onnx' || (m.engine !== undefined && 'onnx' in m.engine);
}

let live = 0;

/** Pool threads started and not yet exited (tests check that none is left behind). */
export function livePoolWorkers(): number {
  return live;
}

type Result = { ok: AwayMember } | { error: Error };

interface Pool {
  /** Member i's evaluation, when its worker has posted it (or why it never will). */
  evaluate(i: number): Promise<AwayMember>;
  /** Fails every pending and future evaluate() with AuditCancelled. */
  cancel(): void;
  /** Stops every worker; resolves once all threads have exited. */
  close(): Promise<void>;
}

function startPool(spec: AuditSpec, engine: PoolEngine, n: number, members: number, script: NonNullable<ReturnType<typeof workerScript>>): Pool {
  const ready = new Map<number, Result>();
  const waiting = new Map<number, { resolve: (e: AwayMember) => void; reject: (e: Error) => void }>();
  let stopped: Error | null = null;
  const settle = (i: number, r: Result) => {
    const w = waiting.get(i);
    if (!w) return void ready.set(i, r);
    waiting.delete(i);
    if ('ok' in r) w.resolve(r.ok);
    else w.reject(r.error);
  };
  // Each worker's ONNX sessions get as many intra-op threads as the main thread's would: onnxruntime's
  // sums can depend on how a kernel is split over threads (seen in the last bit of one member's
  // outputs with 1 thread against 2), and the report must not depend on the worker count.
  const onnx = engine.onnx;
  const threadsList = Array.from({ length: n }, (_, w) => {
    const shard = { index: w + 1, count: n };
    const mine = shardMembers(members, shard);
    let open = true;
    // A worker that stops early fails the members it still owed (in member order the first of them
    // is where it stopped, so the main thread meets the error where a serial run would).
    const fail = (error: Error) => {
      if (!open) return;
      open = false;
      for (const i of mine) if (!ready.has(i) && !delivered.has(i)) settle(i, { error });
    };
    const delivered = new Set<number>();
    const worker = startWorker({ spec, shard, engine: { ...engine, onnx } }, script);
    worker.on('message', (m: FromPoolWorker) => {
      if (m.kind === 'member') {
        delivered.add(m.index);
        settle(m.index, { ok: m.done });
      } else if (m.kind === 'done') open = false;
      else fail(m.problem !== undefined ? new EquiLensError(m.file, m.problem) : new Error(m.message));
    });
    worker.on('error', (e) => fail(e));
    live++;
    worker.on('exit', (code) => {
      live--;
      fail(new Error(`audit worker ${w + 1} stopped (exit code ${code})`));
    });
    return worker;
  });
  return {
    evaluate(i) {
      if (stopped) return Promise.reject(stopped);
      const r = ready.get(i);
      if (r) {
        ready.delete(i);
        return 'ok' in r ? Promise.resolve(r.ok) : Promise.reject(r.error);
      }
      return new Promise((resolve, reject) => waiting.set(i, { resolve, reject }));
    },
    cancel() {
      stopped = new AuditCancelled();
      for (const w of waiting.values()) w.reject(stopped);
      waiting.clear();
      for (const t of threadsList) void t.terminate();
    },
    async close() {
      await Promise.all(threadsList.map((t) => t.terminate()));
      ready.clear();
    },
  };
}

/**
 * dist/poolWorker.js in the bundle. From source (tests, npx tsx) the TypeScript file, through tsx's
 * require hook: Node 20's workers do not inherit tsx's --import loader. Null when neither is there
 * (a package that left the worker out): members then run in the calling thread.
 */
function workerScript(): { built: string } | { source: string; tsx: string } | null {
  const built = path.join(__dirname, 'poolWorker.js');
  if (existsSync(built)) return { built };
  const source = path.join(__dirname, 'poolWorker.ts');
  if (!existsSync(source)) return null;
  try {
    return { source, tsx: require.resolve(['tsx', 'cjs'].join('/')) }; // hidden from esbuild: only the source path needs it
  } catch {
    return null;
  }
}

function startWorker(job: PoolJob, script: NonNullable<ReturnType<typeof workerScript>>): Worker {
  if ('built' in script) return new Worker(script.built, { workerData: job });
  return new Worker(`require(${JSON.stringify(script.tsx)}); require(${JSON.stringify(script.source)});`, { eval: true, workerData: job });
}
