// Where the optional native accelerators would come from. No tfjs import here: the extension host
// asks this (for equilens.compute: auto) without loading any engine code.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../core/io/paths';
import { toPosix } from './nodeFiles';

/** tfjs-node-gpu (CUDA) before tfjs-node (CPU, still faster than wasm for large models). */
export const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/**
 * The accelerator that would load, without loading it: EquiLens's own folder first, then each of
 * `paths` (the machine-scoped equilens.tfjsNodePath) — each only when the module found lies
 * inside that folder (see resolveNative).
 */
export function findNative(paths: readonly string[] = []): { name: (typeof NATIVE)[number]; file: string } | null {
  for (const name of NATIVE) {
    for (const from of [undefined, ...paths]) {
      const file = resolveNative(name, from, true);
      if (file) return { name, file };
    }
  }
  return null;
}

/**
 * Where `name` resolves from `from` (undefined: EquiLens's own folder). With `confined`, only a
 * file inside that folder counts: Node's lookup also climbs to every parent folder's
 * node_modules, and when EquiLens runs from inside a workspace (or a tfjsNodePath lies in one)
 * that would load the repository's own native code. The CLI resolves unconfined: it runs where
 * its user installed it, next to the dependencies they chose.
 */
export function resolveNative(name: string, from: string | undefined, confined: boolean): string | null {
  const base = from ?? ownRoot();
  let file: string;
  try {
    file = from === undefined && !confined ? require.resolve(name) : require.resolve(name, { paths: [base] });
  } catch {
    return null; // not installed there
  }
  return !confined || isInside(toPosix(base), toPosix(file)) ? file : null;
}

let own: string | undefined;

/** EquiLens's own folder: the nearest one up from this file whose package.json is ours (the bundle's dist/.. or the repository). */
export function ownRoot(): string {
  if (own) return own;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'equilens') return (own = dir);
    if (path.dirname(dir) === dir) return (own = path.resolve(__dirname, '..'));
  }
}
