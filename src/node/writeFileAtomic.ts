import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { EquiLensError } from '../core/errors';

/**
 * Writes via a temp file and rename, so readers never see a half-written report — and so a
 * pull request cannot redirect the write. The temp file has an unpredictable name (128 random
 * bits) and is created exclusively (O_CREAT|O_EXCL, which never follows a symlink, dangling or
 * not, and fails on anything already there); the rename replaces whatever is at `file`, a
 * planted symlink included, instead of writing through it.
 *
 * Not the write-file-atomic package: its 7.0.0 names the temp file by a hash of pid and a
 * counter, opens it with plain 'w' (no O_EXCL: a link there is followed), and resolves `file`'s
 * real path first, so a committed `equilens.md -> ~/.bashrc` would be overwritten through.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${randomBytes(16).toString('hex')}.tmp`;
  let created = false;
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
    created = true;
    await fsp.writeFile(fh, data);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await fsp.rename(tmp, file);
  } catch (e) {
    await fh?.close().catch(() => {});
    // Only our own temp file is removed: never what someone else put at that name.
    if (created) await fsp.rm(tmp, { force: true });
    throw new EquiLensError(file, `cannot write: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
