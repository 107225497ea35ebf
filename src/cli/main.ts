import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EquiLensError } from '../core/errors';
import { VERSION } from '../core/version';
import { termText } from '../core/report/escape';
import { BACKEND_CHOICES } from '../node/backend';
import { ENGINE_CHOICES } from '../core/load/translate/chooseEngine';
import { auditCommand, type AuditOptions } from './auditCommand';
import { registerCheck } from './checkCommand';
import { registerInit } from './initCommand';
import { shardOption } from './auditShard';
import { workersOption } from './workersOption';
import { registerMerge } from './mergeCommand';
import { addLimitOptions } from './limitOptions';
import { addInputOptions } from './inputOptions';
import { GROUP_HELP, parseGroupOption } from './groupNames';
import { OUTPUT_KIND_CHOICES } from '../core/stats/types';

/** Parse → run → exit code. Exit 0 ok, 2 bad input or usage (1 is kept for failed thresholds). */
export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('equilens')
    .description('Audit TensorFlow.js models and ensembles for symmetry (equivariance).')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, 'equilens: ')) })
    .showSuggestionAfterError();

  let code = 0;
  const audit = program
    .command('audit')
    .description('audit model JSON files, or folders holding an ensemble, under a symmetry group')
    .argument('<models...>', 'model JSON files (any name) or folders of members (member-*/model.json, seed*.json, …)')
    .addOption(
      new Option('-g, --group <group>', `symmetry group: ${GROUP_HELP} (rot:<n> C_n, dih:<n> D_n, so2:<m> m seeded angles: any-angle rotations, resampled inside the inscribed disk)`)
        .argParser(parseGroupOption)
        .default('c4'),
    )
    .option(
      '-o, --output <rep>',
      'how outputs transform: invariant | same[;<gen>=<perm>…] | classes:<gen>=<perm>[;…] | points:<fields>[,<frame>][;<gen>=<perm>…] (e.g. classes:flip-h=1,0,2, points:yxs;flip-h=0,2,1)',
      'invariant',
    )
    .option('-p, --probes <path>', 'probe inputs: a .npy file or a folder of PNG/JPEG images (default: synthetic)')
    .option('-n, --probes-count <n>', 'number of synthetic probes (default 32), or the most taken from --probes (default: all)', positiveInt)
    .option('--seed <s>', 'seed for synthetic probes, sampled groups and resampling', nonNegativeInt, 0)
    .addOption(new Option('--backend <b>', 'tfjs backend').choices(BACKEND_CHOICES).default('auto'))
    .addOption(
      new Option(
        '--engine <e>',
        'engine for TF.js layers and graph models: auto (translated to ONNX for onnxruntime-node when every layer or op translates and it is installed, else tfjs), tfjs, onnxruntime (exit 2 when it cannot)',
      )
        .choices(ENGINE_CHOICES)
        .default('auto'),
    )
    .option('--batch-size <n>', 'first batch size tried, halved on out-of-memory errors (default: estimated from the model)', positiveInt)
    .option('--input-name <name>', 'model input to feed (multi-input models; default: the first)')
    .option('--output-name <name>', 'model output to audit (multi-output models; default: the first)')
    .addOption(new Option('--output-kind <kind>', 'how outputs are read (auto: detected from the output named by --output-name)').choices(OUTPUT_KIND_CHOICES).default('auto'))
    .option('--mean <list>', 'per-channel mean subtracted from probes (after scaling images/uint8 to [0,1])', numberList)
    .option('--std <list>', 'per-channel std dividing probes after subtracting --mean', numberList)
    .option('--json <file>', 'write the JSON report (schemaVersion 1)')
    .option('--md <file>', 'write a Markdown report')
    .option('--html <file>', 'write a standalone HTML report')
    .option('--no-localise', 'skip the per-layer floors (where symmetry breaks inside the model)')
    .option('--lie', 'also report the Lie derivative: local equivariance error along the rotation (or, with translate, x/y shift) generator, per member, ensemble and layer (docs/lie.md)')
    .addOption(workersOption())
    .addOption(shardOption())
    .option('-q, --quiet', 'print nothing on stdout');
  addInputOptions(audit);
  addLimitOptions(audit).action(async (models: string[], opts: AuditOptions) => {
    code = await auditCommand(models, opts);
  });
  registerMerge(program, (c) => (code = c));
  registerCheck(program, (c) => (code = c));
  registerInit(program, (c) => (code = c));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof EquiLensError) {
      process.stderr.write(`equilens: ${termText(e.message)}\n`);
      return 2;
    }
    process.stderr.write(`equilens: internal error: ${termText(e instanceof Error ? e.message : String(e))} (please report this)\n`);
    return 3;
  }
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function numberList(v: string): number[] {
  const xs = v.split(',').map(Number);
  if (!xs.length || xs.some((x) => !Number.isFinite(x))) throw new InvalidArgumentError('expected numbers separated by commas');
  return xs;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (c) => {
      process.exitCode = c;
    },
    (e: unknown) => {
      process.stderr.write(`equilens: internal error: ${termText(String(e))}\n`);
      process.exitCode = 3;
    },
  );
}
