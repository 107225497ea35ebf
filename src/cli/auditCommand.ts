import * as path from 'node:path';
import { renderHtml, renderMarkdown, renderTerminal } from '../core/report';
import { initBackend } from '../node/backend';
import { nodeCompute } from '../node/computeInfo';
import { nodeOnnxEngine } from '../node/onnxEngine';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles } from '../node/nodeFiles';
import { writeFileAtomic } from '../node/writeFileAtomic';
import type { AuditOptions } from './auditOptions';
import { auditSpec } from './auditSpec';
import { progressReporter } from './progress';
import { shardCommand } from './auditShard';
import { runAuditPool } from '../node/pool/auditPool';

// In its own module, so auditShard.ts and auditSpec.ts need not import this one (no import cycle).
export type { AuditOptions } from './auditOptions';

/** `equilens audit`: runs the core engine and writes what was asked for. Returns the exit code. */
export async function auditCommand(models: string[], o: AuditOptions): Promise<number> {
  if (o.shard) return shardCommand(models, o, o.shard);
  const backend = await initBackend(o.backend);
  const progress = progressReporter(process.stderr);
  const host = { fs: nodeFiles, backend: backend.description, compute: nodeCompute('cli', backend), decodeImage, onnx: nodeOnnxEngine(), onEvent: progress.onEvent };
  const report = await runAuditPool(auditSpec(models, o), host, { backend: o.backend }, o.workers).finally(progress.stop);

  if (o.json) await writeFileAtomic(path.resolve(o.json), JSON.stringify(report, null, 2) + '\n');
  if (o.md) await writeFileAtomic(path.resolve(o.md), renderMarkdown(report));
  if (o.html) await writeFileAtomic(path.resolve(o.html), renderHtml(report));
  if (!o.quiet) process.stdout.write(renderTerminal(report));
  return 0;
}
