import type { AuditSpec } from '../../core/audit/spec';
import type { AwayMember } from '../../core/audit/awayMember';
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
}

/** What a pool worker posts: each member's evaluation (and what its load saw) as it is done, then done or why it stopped. */
export type FromPoolWorker = { kind: 'member'; index: number; done: AwayMember } | { kind: 'done' } | { kind: 'failed'; file?: string; problem?: string; message: string };
