import * as path from 'node:path';
import { runAudit } from '../core/audit/runAudit';
import { renderHtml, renderMarkdown, renderTerminal } from '../core/report';
import { initBackend, type BackendChoice } from '../node/backend';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles, toPosix } from '../node/nodeFiles';
import { writeFileAtomic } from '../node/writeFileAtomic';
import { progressReporter } from './progress';

export interface AuditOptions {
  group: string;
  output: string;
  probes?: string;
  probesCount?: number;
  seed: number;
  backend: BackendChoice;
  batchSize: number;
  inputName?: string;
  outputName?: string;
  mean?: number[];
  std?: number[];
  json?: string;
  md?: string;
  html?: string;
  quiet?: boolean;
}

/** `equilens audit`: runs the core engine and writes what was asked for. Returns the exit code. */
export async function auditCommand(models: string[], o: AuditOptions): Promise<number> {
  const backend = await initBackend(o.backend);
  const progress = progressReporter(process.stderr);
  const report = await runAudit(
    {
      targets: models.map(toPosix),
      group: o.group,
      output: o.output,
      probes: o.probes === undefined ? undefined : toPosix(o.probes),
      probesCount: o.probesCount ?? (o.probes === undefined ? 32 : Infinity),
      seed: o.seed,
      batchSize: o.batchSize,
      inputName: o.inputName,
      outputName: o.outputName,
      mean: o.mean,
      std: o.std,
      displayBase: toPosix(process.cwd()),
    },
    { fs: nodeFiles, backend: backend.description, decodeImage, onEvent: progress.onEvent },
  ).finally(progress.stop);

  if (o.json) await writeFileAtomic(path.resolve(o.json), JSON.stringify(report, null, 2) + '\n');
  if (o.md) await writeFileAtomic(path.resolve(o.md), renderMarkdown(report));
  if (o.html) await writeFileAtomic(path.resolve(o.html), renderHtml(report));
  if (!o.quiet) process.stdout.write(renderTerminal(report));
  return 0;
}
