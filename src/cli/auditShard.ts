import { InvalidArgumentError, Option } from 'commander';
import * as path from 'node:path';
import { EquiLensError } from '../core/errors';
import { runShard } from '../core/shard/runShard';
import { parseShard } from '../core/shard/select';
import type { ShardSelection } from '../core/shard/types';
import { initBackend } from '../node/backend';
import { nodeCompute } from '../node/computeInfo';
import { nodeOnnxEngine } from '../node/onnxEngine';
import { decodeImage } from '../node/imageDecoder';
import { nodeFiles } from '../node/nodeFiles';
import { writeFileAtomic } from '../node/writeFileAtomic';
import type { AuditOptions } from './auditOptions';
import { auditSpec } from './auditSpec';
import { progressReporter } from './progress';

/** `equilens audit --shard i/n --json <file>`: audits the shard's members and writes the shard file (no report). */
export async function shardCommand(models: string[], o: AuditOptions, shard: ShardSelection): Promise<number> {
  // Checked before anything runs: a shard's work is lost without a file to hold it.
  if (!o.json) throw new EquiLensError(undefined, '--shard writes a shard file: pass --json <file> (then equilens merge the shards)');
  if (o.md || o.html) throw new EquiLensError(undefined, '--shard writes no report: pass --md/--html to equilens merge');
  if (o.lie) throw new EquiLensError(undefined, '--lie does not run with --shard (a shard holds some members); audit the ensemble whole');
  const backend = await initBackend(o.backend);
  const progress = progressReporter(process.stderr);
  const file = await runShard(auditSpec(models, o), shard, {
    fs: nodeFiles,
    backend: backend.description,
    compute: nodeCompute('cli', backend),
    decodeImage,
    onnx: nodeOnnxEngine(),
    onEvent: progress.onEvent,
  }).finally(progress.stop);
  // Compact: the orbits' base64 is nearly all of it, and nobody reads a shard by eye.
  const text = JSON.stringify(file) + '\n';
  await writeFileAtomic(path.resolve(o.json), text);
  if (!o.quiet) {
    const { index, count } = file.shard;
    const n = file.audit.members.length;
    const held = file.members.length ? `${file.members.length} of ${n} members (${file.members.map((m) => m.index + 1).join(', ')})` : `none of the ${n} members (more shards than members)`;
    process.stdout.write(`shard ${index}/${count}: ${held} → ${o.json} (${(text.length / 1024).toFixed(1)} KiB); equilens merge the ${count} shard files for the report\n`);
  }
  return 0;
}

/** `--shard i/n` for `equilens audit`; a bad value is a usage error (exit 2, one line). */
export function shardOption(): Option {
  return new Option('--shard <i/n>', 'audit members i, i+n, i+2n, … (1 ≤ i ≤ n) and write a shard file (--json) for equilens merge').argParser((v) => {
    try {
      return parseShard(v);
    } catch (e) {
      throw new InvalidArgumentError(e instanceof Error ? e.message.replace(/^--shard /, '') : String(e));
    }
  });
}
