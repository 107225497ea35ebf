import type { FileSystem } from '../io/files';
import type { Limits } from '../load/limits';
import type { ImageDecoder } from '../probes/types';
import type { AuditReport, ComputeInfo, MemberResult } from '../report/types';
import type { InputLayoutOption } from './inputLayout';
import type { OnnxEngine } from '../load/onnx/engine';
import type { EngineChoice } from '../load/translate/chooseEngine';

/** What to audit and how; every front end builds one of these. */
export interface AuditSpec {
  /** Model JSON files and/or folders (absolute paths). */
  targets: string[];
  /** Group name, e.g. 'c4' (see makeGroup). */
  group: string;
  /** Output representation: 'invariant' | 'same[;<gen>=<perm>…]' | 'classes:<gen>=<perm>;…' | 'points:<fields>[,<frame>][;…]'. */
  output: string;
  /** A .npy file or a folder of images; synthetic probes when absent. */
  probes?: string;
  /** Number of synthetic probes, or the most to take from a file/folder (Infinity: all). */
  probesCount: number;
  seed: number;
  batchSize?: number;
  /** Input/output names for multi-input/output models (first by default; with or without ':0'). */
  inputName?: string;
  outputName?: string;
  /** How outputs are read: 'auto' (default: detected) | 'logits' | 'probabilities' | 'binary' | 'regression' | 'embedding'. */
  outputKind?: string;
  /** The audited input's layout (default 'auto': NCHW for [N, 1|3|4, H, W] inputs, see inputLayout.ts). */
  inputLayout?: InputLayoutOption;
  /** The audited input's non-batch sizes in the model's own axis order, for sizes the file leaves open. */
  inputShape?: number[];
  /** Values of the other inputs: input name → .npy file (absolute); inputs not named are zeros of their declared shape. */
  fixedInputs?: Record<string, string>;
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
  /** The Lie derivative along the group's continuous generator (src/core/lie, docs/lie.md); off by default. */
  lie?: boolean;
  /** Which engine runs TF.js members (layers and graph models): 'auto' (default: translated to ONNX and run by host.onnx when possible), 'tfjs', 'onnxruntime'. */
  engine?: EngineChoice;
}

/** What the engine needs from its host. */
export interface AuditHost {
  fs: FileSystem;
  /** Name of the tfjs backend in use, for the report. */
  backend: string;
  /** Where this host runs and on which device; copied into the report. */
  compute?: ComputeInfo;
  decodeImage?: ImageDecoder;
  /** Runs .onnx members (Node front ends: src/node/onnxEngine.ts); absent: ONNX members are refused with how to get one. */
  onnx?: OnnxEngine;
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
