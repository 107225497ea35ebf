import * as path from 'node:path';
import type { ShardSelection } from '../core/shard/types';
import { renderHtml, renderMarkdown, renderTerminal } from '../core/report';
import { initBackend, type BackendChoice } from '../node/backend';
import type { EngineChoice } from '../core/load/translate/chooseEngine';
import { nodeCompute } from '../node/computeInfo';
import { nodeOnnxEngine } from '../node/onnxEngine';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles } from '../node/nodeFiles';
import { writeFileAtomic } from '../node/writeFileAtomic';
import { auditSpec } from './auditSpec';
import type { LimitOptions } from './limitOptions';
import type { InputOptions } from './inputOptions';
import { progressReporter } from './progress';
import { shardCommand } from './auditShard';
import { runAuditPool } from '../node/pool/auditPool';

export interface AuditOptions extends LimitOptions, InputOptions {
  group: string;
  output: string;
  probes?: string;
  probesCount?: number;
  seed: number;
  backend: BackendChoice;
  /** --engine: which engine runs TF.js layers models (auto: translated to ONNX when possible). */
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
  /** --shard i/n: audit every n-th member and write a shard file (--json) for `equilens merge`. */
  shard?: ShardSelection;
  /** --workers n: members evaluated in n worker threads (default: every core, see runAuditPool; 1: in this thread). */
  workers?: number;
}

/** `equilens audit`: runs the core engine and writes what was asked for. Returns the exit code. */
export async function auditCommand(models: string[], o: AuditOptions): Promise<number> {
  if (o.shard) return shardCommand(models, o, o.shard);
  const backend = await initBackend(o.backend);
  const progress = progressReporter(process.stderr);
  const host = { fs: nodeFiles, backend: backend.description, compute: nodeCompute('cli', backend), decodeImage, onnx: nodeOnnxEngine(), onEvent: progress.onEvent };
  const report = await runAuditPool(auditSpec(models, o), host, { backend: o.backend }, o.workers).finally(
    progress.stop,
  );

  if (o.json) await writeFileAtomic(path.resolve(o.json), JSON.stringify(report, null, 2) + '\n');
  if (o.md) await writeFileAtomic(path.resolve(o.md), renderMarkdown(report));
  if (o.html) await writeFileAtomic(path.resolve(o.html), renderHtml(report));
  if (!o.quiet) process.stdout.write(renderTerminal(report));
  return 0;
}
