// Turns a RealAudit (scripts/real/models.ts) into `equilens audit` arguments.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { encodeNpy } from '../../src/core/probes/encodeNpy';
import type { RealAudit } from './models';

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
  if (images && !NOT_IMAGES.has(a.group ?? DEFAULT_GROUP)) args.push('-p', images);
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
    writeFileSync(file, encodeNpy([], new Float32Array([value])));
    args.push('--fixed-input', `${name}=${file}`);
  }
  args.push('--json', reportPath, '--quiet');
  return args;
}

/** Flags in `args` that `audit --help` does not list (features not in this build yet). */
export function unknownFlags(args: readonly string[], helpText: string): string[] {
  const known = new Set(helpText.match(/--[a-z][a-z-]*/g) ?? []);
  return args.filter((x) => x.startsWith('--') && !known.has(x));
}
