// A temporary workspace for `equilens check`: a copy of examples/ and a config, with the built
// CLI run in it (as CI would run it at a repository's root).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toPosix } from '../../src/node/nodeFiles';
import { cli, ROOT, type CliRun } from './cli';

export interface Workspace {
  dir: string;
  /** Writes equilens.config.json (an object is written as JSON, a string as is). */
  config(c: object | string, file?: string): void;
  run(args: string[]): CliRun;
  cleanup(): void;
}

/**
 * A fresh folder holding `sub`/examples (sub = '' puts them at the root): the three C4 ensembles
 * and their probes — the C16 experiment (examples/c16-*) is audited by its own test.
 */
export function workspace(sub = ''): Workspace {
  const dir = toPosix(mkdtempSync(join(tmpdir(), 'equilens-check-')));
  const base = sub ? `${dir}/${sub}` : dir;
  cpSync(`${ROOT}/examples`, `${base}/examples`, { recursive: true, filter: (src) => !/[\\/]c16-[^\\/]*$/.test(src) });
  return {
    dir,
    config: (c, file = `${base}/equilens.config.json`) => writeFileSync(file, typeof c === 'string' ? c : JSON.stringify(c, null, 2)),
    run: (args) => cli(args, base),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The examples' probe file, as configs name it. */
export const PROBES = 'examples/probes/test-images.npy';
