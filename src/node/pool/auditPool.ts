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
import { onnxGraphs, onnxOnce, type OnnxGraphs } from '../../core/load/onnx/onnxFile';
import type { LoadedModel } from '../../core/load/types';
import type { AuditReport } from '../../core/report/types';
import { shardMembers } from '../../core/shard/select';
import type { FromPoolWorker, PoolEngine, PoolJob, ToPoolWorker } from './protocol';

/** `--workers` default: every core. */
export function defaultWorkers(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/**
 * runAudit with members evaluated in worker threads (one tfjs engine each; worker w takes members
 * w, w+n, … like `--shard`, one member in memory at a time). Each worker also runs its members'
 * per-layer floors and Lie derivative (their part(), where the model is loaded). The main thread
 * runs the serial pipeline — checkpoint signatures, the folding of those parts, statistics, in
 * member order — and takes each member's orbit and parts from its worker instead of computing
 * them, so the report equals a serial run's apart from timing. It loads the first member only (the
 * input plan, the report's model section); the later members' workers send what their loads saw
 * (weight scans, non-finite weights): peak memory is workers × one member, plus the first member
 * in the main thread. One worker, or one member: runAudit as is.
 *
 * `workers` undefined is the default: every core, except for members that run on onnxruntime
 * (.onnx files, TF.js models translated to ONNX), which already use every core as intra-op threads:
 * those stay in this thread. The pool starts when the first member is loaded and its engine known.
 */
export async function runAuditPool(spec: AuditSpec, host: AuditHost, engine: PoolEngine, workers?: number): Promise<AuditReport> {
  if ((workers !== undefined && workers <= 1) || host.signal?.aborted) return runAudit(spec, host);
  // One audit's .onnx reads, shared by the count below and the run (onnxFile.ts onnxOnce).
  host = { ...host, fs: onnxOnce(host.fs) };
  const fs = host.fs;
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
      // Discovery has read every .onnx member's structure by now: the workers get them, not the files again.
      pool = startPool(spec, job, n, count, script, onnxGraphs(fs));
    }
    return pool.evaluate(i);
  };
  // Members after the first are not loaded here at all: their workers send all this thread uses of them.
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

let backlog = 0;

/** The most results that waited in the main thread for their turn at once, in the last pool started (tests check POOL_AHEAD). */
export function poolBacklog(): number {
  return backlog;
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

function startPool(spec: AuditSpec, engine: PoolEngine, n: number, members: number, script: NonNullable<ReturnType<typeof workerScript>>, graphs: OnnxGraphs): Pool {
  const ready = new Map<number, Result>();
  const waiting = new Map<number, { resolve: (e: AwayMember) => void; reject: (e: Error) => void }>();
  let stopped: Error | null = null;
  backlog = 0;
  const settle = (i: number, r: Result) => {
    const w = waiting.get(i);
    if (!w) {
      ready.set(i, r);
      backlog = Math.max(backlog, ready.size);
      return;
    }
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
    const worker = startWorker({ spec, shard, engine: { ...engine, onnx }, onnxGraphs: graphs }, script);
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
      const result: Promise<AwayMember> = r ? ('ok' in r ? Promise.resolve(r.ok) : Promise.reject(r.error)) : new Promise((resolve, reject) => waiting.set(i, { resolve, reject }));
      ready.delete(i);
      // Taken: its worker may run one member further (POOL_AHEAD).
      return result.then((d) => {
        threadsList[i % n]?.postMessage({ kind: 'taken', index: i } satisfies ToPoolWorker);
        return d;
      });
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
