// Turns a RealAudit (scripts/real/models.ts) into `equilens audit` arguments.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { encodeNpy } from '../../src/core/probes/encodeNpy';
import type { RealAudit } from './models';
import { writeTextProbes } from './textProbes';

/** Defaults every audit shares: small, seeded, and cheap enough for a 2-core machine. */
export const DEFAULT_GROUP = 'flip-h';
export const DEFAULT_PROBES = 8;

/** Groups that act on sequences or sets: their models take no images. */
const NOT_IMAGES = new Set(['shift', 'reverse', 'permute']);

/**
 * The CLI arguments after `audit`, model path first. Fixed inputs are written as 0-d .npy files
 * under `fixedDir`. The JSON report goes to `reportPath`. With `images` (a folder of photos),
 * image models take the first -n of them as probes instead of synthetic ones.
 */
export function auditArgs(a: RealAudit, modelPath: string, fixedDir: string, reportPath: string, images?: string): string[] {
  const args = [modelPath, '-g', a.group ?? DEFAULT_GROUP, '-o', a.output ?? 'invariant'];
  args.push('-n', String(a.probes ?? DEFAULT_PROBES), '--seed', '0');
  if (a.textProbes) args.push('-p', textProbes(a, fixedDir));
  else if (images && !NOT_IMAGES.has(a.group ?? DEFAULT_GROUP)) args.push('-p', images);
  const optional: [string, string | undefined][] = [
    ['--output-name', a.outputName],
    ['--output-kind', a.outputKind],
    ['--input-name', a.inputName],
    ['--input-shape', a.inputShape],
    ['--input-layout', a.inputLayout],
    ['--mean', a.mean?.join(',')],
    ['--std', a.std?.join(',')],
  ];
  for (const [flag, value] of optional) if (value !== undefined) args.push(flag, value);
  for (const [name, value] of Object.entries(a.fixedInputs ?? {})) {
    mkdirSync(fixedDir, { recursive: true });
    const file = path.join(fixedDir, `${a.id.replace(/[^\w.-]+/g, '_')}-${name}.npy`);
    // A scalar is a 0-d array; a filled one has the shape given (inputs whose batch is not the first axis).
    const [shape, fill] = typeof value === 'number' ? [[], value] : [value.shape, value.fill];
    writeFileSync(file, encodeNpy(shape, new Float32Array(shape.reduce((a, d) => a * d, 1)).fill(fill)));
    args.push('--fixed-input', `${name}=${file}`);
  }
  args.push('--json', reportPath, '--quiet');
  return args;
}

/** The audit's text probes as a .npy under `dir`: -n images of its --input-shape (C×H×W or H×W×C, 3 channels). */
function textProbes(a: RealAudit, dir: string): string {
  const dims = (a.inputShape ?? '').split('x').map(Number);
  const [h, w] = dims[0] === 3 ? dims.slice(1) : dims.slice(0, 2);
  if (dims.length !== 3 || !h || !w) throw new Error(`${a.id}: text probes need a 3-channel --input-shape, got '${a.inputShape}'`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${a.id.replace(/[^\w.-]+/g, '_')}-text-${a.textProbes}.npy`);
  writeTextProbes(file, a.textProbes!, a.probes ?? DEFAULT_PROBES, h, w);
  return file;
}

/** Flags in `args` that `audit --help` does not list (features not in this build yet). */
export function unknownFlags(args: readonly string[], helpText: string): string[] {
  const known = new Set(helpText.match(/--[a-z][a-z-]*/g) ?? []);
  return args.filter((x) => x.startsWith('--') && !known.has(x));
}
