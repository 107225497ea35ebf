import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { EquiLensError } from '../core/errors';
import { renderHtml, renderMarkdown, renderTerminal } from '../core/report';
import { mergeShards } from '../core/shard/mergeShards';
import { readShard } from '../core/shard/readShard';
import { writeFileAtomic } from '../node/writeFileAtomic';

export interface MergeOptions {
  json?: string;
  md?: string;
  html?: string;
  quiet?: boolean;
}

/** `equilens merge`: the report of the audit the shard files are parts of, written and printed as `audit` does. */
export async function mergeCommand(files: string[], o: MergeOptions): Promise<number> {
  const shards = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new EquiLensError(file, 'cannot read the shard file');
    });
    shards.push({ file, shard: readShard(text, file) });
  }
  const report = mergeShards(shards);
  if (o.json) await writeFileAtomic(path.resolve(o.json), JSON.stringify(report, null, 2) + '\n');
  if (o.md) await writeFileAtomic(path.resolve(o.md), renderMarkdown(report));
  if (o.html) await writeFileAtomic(path.resolve(o.html), renderHtml(report));
  if (!o.quiet) process.stdout.write(renderTerminal(report));
  return 0;
}

/** Registers `equilens merge <shards...>`; `done` receives the exit code. */
export function registerMerge(program: Command, done: (code: number) => void): void {
  program
    .command('merge')
    .description('combine the shard files of `audit --shard i/n` into the report one audit of all members gives')
    .argument('<shards...>', 'every shard file of one audit (any order), e.g. shard-*.json')
    .option('--json <file>', 'write the JSON report (schemaVersion 1)')
    .option('--md <file>', 'write a Markdown report')
    .option('--html <file>', 'write a standalone HTML report')
    .option('-q, --quiet', 'print nothing on stdout')
    .action(async (files: string[], opts: MergeOptions) => {
      done(await mergeCommand(files, opts));
    });
}
