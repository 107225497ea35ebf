// The options of `equilens audit` as commander hands them over (src/cli/main.ts).
import type { BackendChoice } from '../node/backend';
import type { EngineChoice } from '../core/load/translate/chooseEngine';
import type { ShardSelection } from '../core/shard/types';
import type { InputOptions } from './inputOptions';
import type { LimitOptions } from './limitOptions';

/** `equilens audit`'s flags, parsed. */
export interface AuditOptions extends LimitOptions, InputOptions {
  group: string;
  output: string;
  probes?: string;
  probesCount?: number;
  seed: number;
  backend: BackendChoice;
  /** --engine: which engine runs TF.js models (layers and graph) (auto: translated to ONNX when possible). */
  engine?: EngineChoice;
  batchSize?: number;
  inputName?: string;
  outputName?: string;
  /** --output-kind: 'auto' (default) or a kind that overrides detection. */
  outputKind?: string;
  mean?: number[];
  std?: number[];
  json?: string;
  md?: string;
  html?: string;
  quiet?: boolean;
  /** false with --no-localise; commander sets true otherwise, which leaves the engine's default. */
  localise?: boolean;
  /** --lie: the Lie derivative along the group's continuous generator (src/core/lie). */
  lie?: boolean;
  /** --shard i/n: audit every n-th member and write a shard file (--json) for `equilens merge`. */
  shard?: ShardSelection;
  /** --workers n: members evaluated in n worker threads (default: every core, see runAuditPool; 1: in this thread). */
  workers?: number;
}
