/** The five thresholds `equilens check` can enforce; null turns one set in `defaults` off. */
export interface Thresholds {
  maxFloor?: number | null;
  maxEnsembleRelError?: number | null;
  maxMemberRelError?: number | null;
  minAgreement?: number | null;
  maxDiv?: number | null;
}

/** The threshold names, in the order checks are reported. */
export const THRESHOLD_NAMES = ['maxFloor', 'maxEnsembleRelError', 'maxMemberRelError', 'minAgreement', 'maxDiv'] as const;
/** One of THRESHOLD_NAMES. */
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];

/** Probe inputs and their preprocessing, as `equilens audit`'s -p/-n/--mean/--std. */
export interface ProbesConfig {
  path?: string;
  count?: number;
  mean?: number[];
  std?: number[];
}

/** Settings an audit can take from `defaults` (everything but the models and the name). */
export interface AuditSettings {
  group?: string;
  /** 'invariant' | 'same[;…]' | 'classes:…' | 'points:…', or class permutations per generator. */
  output?: string | { classes: Record<string, number[]> };
  probes?: string | ProbesConfig;
  backend?: string;
  seed?: number;
  batchSize?: number;
  /** Worker threads evaluating members (issue 14; default: every core, 1: the main thread only). */
  workers?: number;
  inputName?: string;
  outputName?: string;
  /** The audited input's layout (issue 12). */
  inputLayout?: 'auto' | 'nhwc' | 'nchw';
  /** Non-batch sizes in the model's axis order: '320x320x3' or [320, 320, 3]. */
  inputShape?: string | number[];
  /** Other inputs: name → .npy file, relative to the config's folder. */
  fixedInputs?: Record<string, string>;
  /** 'auto' (default) | 'logits' | 'probabilities' | 'binary' | 'regression' | 'embedding'. */
  outputKind?: string;
  localise?: boolean;
  /** The Lie derivative (src/core/lie, docs/lie.md); default off. */
  lie?: boolean;
  /** Engine for TF.js layers models (issue 14): 'auto' (default) | 'tfjs' | 'onnxruntime'. */
  engine?: 'auto' | 'tfjs' | 'onnxruntime';
  thresholds?: Thresholds;
}

/** One `audits[]` entry as written. */
export interface AuditEntry extends AuditSettings {
  name?: string;
  models: string | string[];
}

/** The whole `equilens.config.json` as written (after validation). */
export interface EquiLensConfig {
  $schema?: string;
  defaults?: AuditSettings;
  audits: AuditEntry[];
}

/** An audit with its defaults merged in and every setting normalised. */
export interface ResolvedAudit {
  name: string;
  /** Index in `audits[]`, for messages that point back into the file. */
  index: number;
  /** Globs, folders or files, relative to the config's folder. */
  models: string[];
  group: string;
  output: string;
  probes: { path?: string; count?: number; mean?: number[]; std?: number[] };
  backend: string;
  seed: number;
  batchSize?: number;
  /** Worker threads (absent: every core). */
  workers?: number;
  inputName?: string;
  outputName?: string;
  /** The audited input's layout (issue 12). */
  inputLayout?: 'auto' | 'nhwc' | 'nchw';
  /** Non-batch sizes in the model's axis order. */
  inputShape?: number[];
  /** Other inputs: name → .npy file, relative to the config's folder. */
  fixedInputs?: Record<string, string>;
  outputKind?: string;
  localise?: boolean;
  /** The Lie derivative (src/core/lie, docs/lie.md); default off. */
  lie?: boolean;
  engine?: 'auto' | 'tfjs' | 'onnxruntime';
  /** Only the thresholds in force (nulls dropped). */
  thresholds: Partial<Record<ThresholdName, number>>;
}

/** A problem in the config file: where (JSON path, 1-based line and column, offsets) and what. */
export interface ConfigError {
  /** Display path, e.g. `audits[0].thresholds.maxFloor`; '' for the whole document. */
  path: string;
  /** The same path as jsonc-parser segments, for editors. */
  segments: (string | number)[];
  line: number;
  column: number;
  /** Offset and length in the text (editors turn them into ranges). */
  offset: number;
  length: number;
  message: string;
}
