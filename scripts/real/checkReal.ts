// `npm run check:real`: installs real third-party TF.js and ONNX model packages into a cache outside the repo,
// audits every model with the built CLI (one child process each, time-limited), prints one row per
// audit and exits 1 when any audit crashed, timed out, was refused unexpectedly or judged the wrong output.
//
//   npm run check:real [-- --only movenet,selfie|ocr/,vad/] [--no-build] [--timeout 300] [--images dir] [--md file] [--json file] [--write-docs]
//
// --write-docs: replaces the table between the `<!-- check:real synthetic -->` (or `photos`, with
// --images) markers of docs/real-models.md with this run's.
//
// --images: a folder of PNG/JPEG photos given to every image model as probes (the first -n of them)
// instead of synthetic ones; the default run needs nothing but the npm registry.
//
// Cache: $EQUILENS_REAL_MODELS_CACHE, else $XDG_CACHE_HOME/equilens/real-models, else ~/.cache/equilens/real-models.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { auditArgs, unknownFlags } from './args';
import { installPackage } from './install';
import { AUDITS } from './models';
import { PACKAGES } from './packages';
import { ranRow, skippedRow, type Row } from './row';
import { runChild } from './runChild';
import { markdownTable, tally, textTable } from './table';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function cacheDir(): string {
  if (process.env.EQUILENS_REAL_MODELS_CACHE) return path.resolve(process.env.EQUILENS_REAL_MODELS_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'equilens', 'real-models');
}

/** 'AMD EPYC 7B13 (2 cores), 23 GiB, Linux 6.1, Node v20.20.2'. */
function machine(): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} (${cpus.length} cores), ${gib} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** '0.1.0 (24a278f+changes)': the package version and the commit the CLI was built from. */
function version(): string {
  const v = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${v} (${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? '+changes' : ''})`;
  } catch {
    return v;
  }
}

/** Replaces the text between `<!-- check:real <name> -->` and `<!-- /check:real <name> -->` in `file`. */
function replaceBlock(file: string, name: string, text: string): void {
  const open = `<!-- check:real ${name} -->`;
  const close = `<!-- /check:real ${name} -->`;
  const doc = readFileSync(file, 'utf8');
  const [a, b] = [doc.indexOf(open), doc.indexOf(close)];
  if (a < 0 || b < a) throw new Error(`${file} has no ${open} … ${close} block`);
  writeFileSync(file, `${doc.slice(0, a + open.length)}\n${text}${doc.slice(b)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '300' },
      md: { type: 'string' },
      json: { type: 'string' },
      images: { type: 'string' },
      'write-docs': { type: 'boolean', default: false },
    },
  });
  const timeoutS = Number(values.timeout);
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const audits = AUDITS.filter((a) => !only || only.some((o) => a.id.includes(o)));
  const cache = cacheDir();
  mkdirSync(cache, { recursive: true });

  const modelDirs = new Map<string, string>();
  for (const pkg of PACKAGES) if (audits.some((a) => a.pkg === pkg.id)) modelDirs.set(pkg.id, installPackage(pkg, cache));
  if (!values['no-build']) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const help = execFileSync(process.execPath, [CLI, 'audit', '--help'], { encoding: 'utf8' });

  const started = new Date();
  const home = (p: string) => p.replace(os.homedir(), '~');
  const header = [
    `EquiLens ${version()} check:real · ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()}`,
    `packages: ${PACKAGES.map((p) => `${p.name}@${p.version}`).join(', ')} · cache ${home(cache)}`,
    `probes: ${values.images ? `the photos in ${home(values.images)}` : 'synthetic (seed 0)'}, the first -n of them per audit`,
  ];
  process.stdout.write(header.join('\n') + '\n\n');
  const runDir = path.join(cache, 'runs');
  const rows: Row[] = [];
  for (const a of audits) {
    let row: Row;
    const modelPath = path.join(modelDirs.get(a.pkg)!, a.file);
    const reportPath = path.join(runDir, `${a.id.replace(/[^\w.-]+/g, '_')}.json`);
    const images = values.images && path.resolve(values.images);
    const args = auditArgs(a, modelPath, path.join(cache, 'fixed'), reportPath, images);
    const missing = unknownFlags(args, help);
    mkdirSync(runDir, { recursive: true });
    if (a.skip) row = skippedRow(a, a.skip);
    else if (missing.length) row = skippedRow(a, `needs ${missing.join(', ')} (not in this CLI yet)`, 'FAIL');
    else row = ranRow(a, await runChild(CLI, args, reportPath, timeoutS), timeoutS, modelPath);
    rows.push(row);
    const time = row.seconds === null ? '' : ` (${row.seconds.toFixed(1)} s, ${row.peakRssMiB?.toFixed(0) ?? '?'} MiB)`;
    process.stderr.write(`${row.status.padEnd(7)} ${a.id}${time}: ${row.result}\n`);
  }
  const total = rows.reduce((s, r) => s + (r.seconds ?? 0), 0);
  const wall = (Date.now() - started.getTime()) / 1000;
  const summary = `${tally(rows)} · ${rows.length} audits · ${total.toFixed(0)} s of audits, ${wall.toFixed(0)} s wall after install and build`;
  process.stdout.write(`\n${textTable(rows)}\n\n${summary}\n`);
  const md = `${header.join('  \n')}\n\n${markdownTable(rows)}\n\n${summary}\n`;
  if (values.md) writeFileSync(values.md, md);
  if (values['write-docs']) replaceBlock(path.join(ROOT, 'docs', 'real-models.md'), values.images ? 'photos' : 'synthetic', md);
  if (values.json) writeFileSync(values.json, JSON.stringify({ header, rows }, null, 2) + '\n');
  process.exitCode = rows.some((r) => r.status === 'FAIL') ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`check:real: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
