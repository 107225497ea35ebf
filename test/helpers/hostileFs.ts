// Hostile fixtures for issue 13 (§2): a workspace with a model inside and a copy outside, symlinks,
// FIFOs and /dev/zero links, and the CLI run in-process so exit codes and stderr can be read.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { toPosix } from '../../src/node/nodeFiles';
import { ROOT } from './cli';

export const MODEL = `${ROOT}/examples/compatible-plain/member-03`;
export const PROBES = `${ROOT}/examples/probes/test-images.npy`;

export interface Hostile {
  /** The workspace (the config's folder), real path. */
  ws: string;
  /** A folder next to it: what must never be read. */
  outside: string;
  cleanup(): void;
}

/** ws/m (a model), ws/probes.npy, and outside/m, outside/probes.npy, outside/secret.txt. */
export function hostileWorkspace(): Hostile {
  const dir = toPosix(realpathSync(mkdtempSync(join(tmpdir(), 'equilens-hostile-'))));
  const ws = `${dir}/ws`;
  const outside = `${dir}/outside`;
  for (const d of [ws, outside]) {
    mkdirSync(d);
    cpSync(MODEL, `${d}/m`, { recursive: true });
    cpSync(PROBES, `${d}/probes.npy`);
  }
  writeFileSync(`${outside}/secret.txt`, 'SECRET');
  return { ws, outside, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const link = (target: string, at: string): void => symlinkSync(target, at);
export const fifo = (at: string): void => void execFileSync('mkfifo', [at]);

export interface InProcessRun {
  code: number;
  stderr: string;
}

/**
 * Runs the CLI's main() in this process (no build needed), capturing stderr. Pass -q: stdout is
 * not captured, because under `node --test` the runner reports through this process's stdout.
 */
export async function runMain(args: string[]): Promise<InProcessRun> {
  const err: string[] = [];
  const e = process.stderr.write.bind(process.stderr);
  process.stderr.write = (s: string) => (err.push(String(s)), true);
  try {
    const code = await main(args);
    return { code, stderr: err.join('') };
  } finally {
    process.stderr.write = e;
  }
}

/** Writes `config` as ws/equilens.config.json and runs `equilens check -c` on it. */
export async function check(h: Hostile, config: object): Promise<InProcessRun> {
  writeFileSync(`${h.ws}/equilens.config.json`, JSON.stringify(config));
  return runMain(['check', '-c', `${h.ws}/equilens.config.json`, '-q']);
}
