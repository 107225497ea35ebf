// Runs the built CLI (dist/cli.js, built by `npm test` before the tests) as a user would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const ROOT = join(__dirname, '..', '..');

export function cli(args: string[], cwd = ROOT): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
