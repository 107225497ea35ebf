import type { FileSystem } from '../io/files';
import type { Limits } from '../load/limits';
import type { ImageDecoder } from '../probes/types';
import type { AuditReport, ComputeInfo, MemberResult } from '../report/types';

/** What to audit and how; every front end builds one of these. */
export interface AuditSpec {
  /** Model JSON files and/or folders (absolute paths). */
  targets: string[];
  /** Group name, e.g. 'c4' (see makeGroup). */
  group: string;
  /** Output representation: 'invariant' | 'same' | 'classes:<gen>=<perm>;…'. */
  output: string;
  /** A .npy file or a folder of images; synthetic probes when absent. */
  probes?: string;
  /** Number of synthetic probes, or the most to take from a file/folder (Infinity: all). */
  probesCount: number;
  seed: number;
  batchSize?: number;
  /** Input/output names for multi-input/output models (first by default). */
  inputName?: string;
  outputName?: string;
  /** Per-channel normalisation (x − mean)/std applied to every probe source after scaling. */
  mean?: number[];
  std?: number[];
  /** Number of probe pictures to include in the report (the panel shows them); 0 by default. */
  pictures?: number;
  /** Paths in the report are shown relative to this folder when inside it. */
  displayBase?: string;
  /** Caps on untrusted model files; each one left out keeps its default (DEFAULT_LIMITS). */
  limits?: Partial<Limits>;
  /** Per-layer floors (THEORY §5, src/core/localise); default: on for layers models with ≤ 200 layers. */
  localise?: boolean;
}

/** What the engine needs from its host. */
export interface AuditHost {
  fs: FileSystem;
  /** Name of the tfjs backend in use, for the report. */
  backend: string;
  /** Where this host runs and on which device; copied into the report. */
  compute?: ComputeInfo;
  decodeImage?: ImageDecoder;
  onEvent?: (event: AuditEvent) => void;
  signal?: AbortSignal;
  /** Clock in seconds; injectable so reports can be reproduced in tests. */
  now?: () => number;
}

/** Streamed while an audit runs, so front ends can show progress and partial results. */
export type AuditEvent =
  | { kind: 'started'; members: string[]; group: string; order: number; probes: number }
  | { kind: 'progress'; done: number; total: number; member: number }
  | { kind: 'member'; index: number; result: MemberResult }
  | { kind: 'finished'; report: AuditReport };
