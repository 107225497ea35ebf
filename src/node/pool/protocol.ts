import type { AuditSpec } from '../../core/audit/spec';
import type { AwayMember } from '../../core/audit/awayMember';
import type { OnnxGraphs } from '../../core/load/onnx/onnxFile';
import type { ShardSelection } from '../../core/shard/types';
import type { BackendChoice } from '../backend';
import type { OnnxEngineOptions } from '../onnxEngine';

/** How each pool worker sets up its engine: the same choices the front end made for its own. */
export interface PoolEngine {
  backend: BackendChoice;
  allowNative?: boolean;
  nativePaths?: readonly string[];
  /** The extension's rule for native modules (see initBackend). */
  confined?: boolean;
  /** The ONNX engine's options; null: no ONNX engine (TF.js layers models then run on tfjs only). */
  onnx?: OnnxEngineOptions | null;
}

/** A pool worker's workerData: the audit, its share of the members (every n-th) and the engine. */
export interface PoolJob {
  spec: AuditSpec;
  shard: ShardSelection;
  engine: PoolEngine;
  /** The .onnx members' structures the main thread's discovery read: the worker reads each of its members once, to load it. */
  onnxGraphs?: OnnxGraphs;
}

/** What a pool worker posts: each member's evaluation (and what its load saw) as it is done, then done or why it stopped. */
export type FromPoolWorker = { kind: 'member'; index: number; done: AwayMember } | { kind: 'done' } | { kind: 'failed'; file?: string; problem?: string; message: string };

/** What the main thread posts to a pool worker: it has taken member `index`'s result (so the worker may run further ahead). */
export interface ToPoolWorker {
  kind: 'taken';
  index: number;
}

/**
 * Members a worker may have posted and the main thread not yet taken (it takes them in member
 * order): what waits there, per-layer rows included, stays within workers × this many members.
 */
export const POOL_AHEAD = 2;
