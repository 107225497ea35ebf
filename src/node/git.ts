import { execFile } from 'node:child_process';
import { EquiLensError } from '../core/errors';
import { toPosix } from './nodeFiles';

/** Files changed since `ref`, as absolute '/'-paths, and the repository's root. */
export interface ChangedFiles {
  root: string;
  files: Set<string>;
}

/**
 * What `--changed-since <ref>` counts as changed: commits since the merge base of `ref` and HEAD
 * (`git diff <ref>...HEAD`, what a pull request shows), plus staged, unstaged and untracked
 * files, so a local run sees work not yet committed. Renames count both names.
 */
export async function changedSince(cwd: string, ref: string): Promise<ChangedFiles> {
  const root = await git(cwd, ['rev-parse', '--show-toplevel']).then(
    (out) => toPosix(out.trim()),
    (e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new EquiLensError(undefined, '--changed-since needs git, which is not installed or not on PATH');
      throw new EquiLensError(toPosix(cwd), 'not inside a git repository (--changed-since needs one)');
    },
  );
  await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new EquiLensError(undefined, `--changed-since: unknown git ref '${ref}' (fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  });
  const lists = await Promise.all([
    git(root, ['diff', '--name-only', '--no-renames', '-z', `${ref}...HEAD`]),
    git(root, ['diff', '--name-only', '--no-renames', '-z', 'HEAD']),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]).catch((e: unknown) => {
    throw new EquiLensError(undefined, `--changed-since ${ref}: git failed: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  });
  const files = new Set(
    lists
      .flatMap((l) => l.split('\0'))
      .filter(Boolean)
      .map((p) => `${root}/${p}`),
  );
  return { root, files };
}

/** The repository's top folder ('/'-path), or null outside a repository or without git. */
export async function repoRoot(cwd: string): Promise<string | null> {
  return git(cwd, ['rev-parse', '--show-toplevel']).then(
    (out) => toPosix(out.trim()),
    () => null,
  );
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- err is execFile's Error, its message replaced by git's own
      if (err) reject(Object.assign(err, { message: stderr.trim() || err.message }));
      else resolve(stdout);
    });
  });
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/^fatal: /, '');
}
