import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { compareReports } from '../core/ci/baseline';
import { baselineFor, parseBaseline } from '../core/ci/baselineFile';
import { checkExitCode } from '../core/ci/exitCode';
import { renderCheckSummary } from '../core/ci/summary';
import type { AuditOutcome, CheckRun, FailOn } from '../core/ci/types';
import { CONFIG_FILE } from '../core/config/loadConfig';
import { EquiLensError } from '../core/errors';
import { termText } from '../core/report/escape';
import { VERSION } from '../core/version';
import { repoRoot } from '../node/git';
import { planCheck } from './check/plan';
import { runUnits } from './check/runUnits';
import { sarifPlaces } from './check/sarifPlaces';
import { FORMATS, writeOutputs, type Format } from './check/outputs';
import { workersOption } from './workersOption';

/** The options of `equilens check`, as commander parses them. */
export interface CheckOptions {
  config: string;
  format: Format[];
  outDir: string;
  baseline?: string;
  failOn: FailOn;
  changedSince?: string;
  quiet?: boolean;
  /** --workers n: overrides every audit's `workers`. */
  workers?: number;
}

/** `equilens check`: plan → run → compare → render. Returns the exit code (0 hold, 1 failed). */
export async function checkCommand(o: CheckOptions): Promise<number> {
  if (o.failOn !== 'threshold' && !o.baseline) throw new EquiLensError(undefined, `--fail-on ${o.failOn} needs --baseline <report.json>`);
  // Read the baseline first: a bad one should fail before minutes of audits.
  const baseline = o.baseline ? parseBaseline(await readText(o.baseline), o.baseline) : null;
  const plan = await planCheck(o.config, o.changedSince);
  const audits = await runUnits(plan.units, plan.root, o.workers);
  if (baseline) {
    for (const a of audits) {
      a.baseline = againstBaseline(baseline, a, audits.length === 1);
      // Silently comparing nothing would let --fail-on regression pass: say which audits had no match.
      if (!a.baseline) process.stderr.write(`equilens: note: ${termText(o.baseline!)} holds no report for audit "${termText(a.name)}"\n`);
    }
  }
  const run: CheckRun = {
    kind: 'equilens-check',
    schemaVersion: 1,
    tool: { name: 'equilens', version: VERSION },
    createdAt: new Date().toISOString(),
    config: plan.configFile,
    failOn: o.failOn,
    ...(o.baseline ? { baseline: o.baseline } : {}),
    ...(plan.changedSince ? { changedSince: plan.changedSince } : {}),
    audits,
  };
  const code = checkExitCode(run);
  const places = sarifPlaces(plan.root, (await repoRoot(plan.root)) ?? plan.root);
  await writeOutputs(run, o.format, path.resolve(o.outDir), places, code);
  if (!o.quiet) process.stdout.write(renderCheckSummary(run, code));
  return code;
}

/** Registers `check` on the program; `done` receives the exit code. */
export function registerCheck(program: Command, done: (code: number) => void): void {
  program
    .command('check')
    .description(`run every audit in ${CONFIG_FILE} and check its thresholds (exit 1 when one fails)`)
    .option('-c, --config <file>', 'the config file', CONFIG_FILE)
    .addOption(new Option('-f, --format <formats>', `outputs to write, comma-separated or repeated: ${FORMATS.join(', ')}`).argParser(formatList).default([], 'none: the summary only'))
    .option('--out-dir <dir>', 'folder for the outputs (equilens.sarif, equilens.md + equilens-curve.svg, equilens.junit.xml, equilens.json)', '.')
    .option('--baseline <file>', 'an earlier `check --format json` output (or an `audit --json` report): per-metric changes')
    .addOption(
      new Option('--fail-on <what>', 'what makes the exit code 1: threshold, regression (beyond noise; needs --baseline), any').choices(['threshold', 'regression', 'any']).default('threshold'),
    )
    .option('--changed-since <ref>', 'audit only ensembles whose files changed since this git ref (merge base to HEAD, plus uncommitted and untracked)')
    .option('-q, --quiet', 'print nothing on stdout')
    .addOption(workersOption())
    .action(async (opts: CheckOptions) => done(await checkCommand(opts)));
}

function againstBaseline(b: ReturnType<typeof parseBaseline>, a: AuditOutcome, only: boolean) {
  const old = baselineFor(b, a.name, a.report, only);
  return old ? compareReports(old, a.report) : null;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new EquiLensError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

// Accumulates: --format sarif,md --format junit → ['sarif', 'md', 'junit'].
function formatList(v: string, prev: Format[]): Format[] {
  const out = [...prev];
  for (const f of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new InvalidArgumentError(`expected ${FORMATS.join(', ')} (got '${f}')`);
    if (!out.includes(f as Format)) out.push(f as Format);
  }
  return out;
}
