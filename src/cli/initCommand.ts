import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CONFIG_FILE, loadConfigText } from '../core/config/loadConfig';
import { scanModels } from '../core/config/scanModels';
import { starterAudits, starterConfigText } from '../core/config/starter';
import { EquiLensError } from '../core/errors';
import { termText } from '../core/report/escape';
import { joinPath } from '../core/io/paths';
import { nodeFiles, toPosix } from '../node/nodeFiles';
import { writeFileAtomic } from '../node/writeFileAtomic';

/** The options of `equilens init`. */
export interface InitOptions {
  force?: boolean;
  quiet?: boolean;
}

/** `equilens init [folder]`: finds the ensembles under the folder and writes a starter config there. */
export async function initCommand(folder: string, o: InitOptions): Promise<number> {
  const root = toPosix(folder);
  const file = joinPath(root, CONFIG_FILE);
  if (existsSync(file) && !o.force) throw new EquiLensError(file, 'already exists (--force overwrites it)');
  const audits = starterAudits(root, await scanModels(nodeFiles, root));
  if (!audits.length) throw new EquiLensError(root, 'no TF.js model JSON or .onnx model found here or below; nothing to configure');
  const text = starterConfigText(audits);
  // What init writes must load: a broken starter would be our bug, not the user's.
  const check = loadConfigText(text);
  if (check.errors.length) throw new Error(`starter config does not validate: ${check.errors[0]!.path}: ${check.errors[0]!.message}`);
  await writeFileAtomic(file, text);
  if (!o.quiet) {
    process.stdout.write(`wrote ${CONFIG_FILE}: ${audits.length} audit${audits.length === 1 ? '' : 's'}\n`);
    for (const a of audits) process.stdout.write(`  ${termText(a.name)}: ${a.members} member${a.members === 1 ? '' : 's'}, group ${a.group}\n`);
    process.stdout.write('review the groups and thresholds, then run `equilens check`\n');
  }
  return 0;
}

/** Registers `init` on the program; `done` receives the exit code. */
export function registerInit(program: Command, done: (code: number) => void): void {
  program
    .command('init')
    .description(`scan a folder for TF.js and ONNX models and ensembles and write a starter ${CONFIG_FILE} there`)
    .argument('[folder]', 'the workspace root', '.')
    .option('--force', `overwrite an existing ${CONFIG_FILE}`)
    .option('-q, --quiet', 'print nothing on stdout')
    .action(async (folder: string, opts: InitOptions) => done(await initCommand(folder, opts)));
}
