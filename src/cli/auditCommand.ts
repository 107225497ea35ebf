import * as path from 'node:path';
import { runAudit } from '../core/audit/runAudit';
import type { ShardSelection } from '../core/shard/types';
import { renderHtml, renderMarkdown, renderTerminal } from '../core/report';
import { initBackend, type BackendChoice } from '../node/backend';
import { nodeCompute } from '../node/computeInfo';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles } from '../node/nodeFiles';
import { writeFileAtomic } from '../node/writeFileAtomic';
import { auditSpec } from './auditSpec';
import type { LimitOptions } from './limitOptions';
import { progressReporter } from './progress';
import { shardCommand } from './auditShard';

export interface AuditOptions extends LimitOptions {
  group: string;
  output: string;
  probes?: string;
  probesCount?: number;
  seed: number;
  backend: BackendChoice;
  batchSize?: number;
  inputName?: string;
  outputName?: string;
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
}

/** `equilens audit`: runs the core engine and writes what was asked for. Returns the exit code. */
export async function auditCommand(models: string[], o: AuditOptions): Promise<number> {
  if (o.shard) return shardCommand(models, o, o.shard);
  const backend = await initBackend(o.backend);
  const progress = progressReporter(process.stderr);
  const report = await runAudit(auditSpec(models, o), { fs: nodeFiles, backend: backend.description, compute: nodeCompute('cli', backend), decodeImage, onEvent: progress.onEvent }).finally(
    progress.stop,
  );

  if (o.json) await writeFileAtomic(path.resolve(o.json), JSON.stringify(report, null, 2) + '\n');
  if (o.md) await writeFileAtomic(path.resolve(o.md), renderMarkdown(report));
  if (o.html) await writeFileAtomic(path.resolve(o.html), renderHtml(report));
  if (!o.quiet) process.stdout.write(renderTerminal(report));
  return 0;
}
