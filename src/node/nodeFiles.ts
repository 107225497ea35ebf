import { constants, promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import { EquiLensError } from '../core/errors';
import type { DirEntry, FileStat, FileSystem, ReadOptions } from '../core/io/files';
import { isInside } from '../core/io/paths';

/** The core's FileSystem over Node's `fs`, for the CLI, the extension host and workers. */
export const nodeFiles: FileSystem = {
  readFile: readRegularFile,
  async realPath(p) {
    return toPosix(await fsp.realpath(p));
  },
  async readDir(p) {
    const entries = await fsp.readdir(p, { withFileTypes: true });
    const out: DirEntry[] = [];
    for (const e of entries) {
      let kind: DirEntry['kind'] = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other';
      if (e.isSymbolicLink()) {
        const s = await statOrNull(path.join(p, e.name));
        kind = s?.kind ?? 'other';
      }
      out.push({ name: e.name, kind });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
  stat: statOrNull,
};

/**
 * Opens once and judges the open descriptor, never the path: a regular file (a /dev/zero
 * symlink or a FIFO is refused; O_NONBLOCK keeps a FIFO swapped in after the first look from
 * blocking the open), within `maxBytes`, and — with `within` — inside that folder by the path
 * the kernel gives for the descriptor (Linux), else by being the same file (device and inode) as
 * the one now at its real path there. A swap between any check and the read therefore either
 * fails the check or is read from the checked file.
 */
async function readRegularFile(p: string, opts: ReadOptions = {}): Promise<Uint8Array> {
  // A cheap first look, so a device is never even opened (opening some has side effects).
  refuseIfNotRegular(p, await fsp.stat(p), opts);
  const fh = await fsp.open(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = await fh.stat();
    refuseIfNotRegular(p, st, opts);
    if (opts.within !== undefined) await checkSameFileWithin(p, fh.fd, st, opts.within);
    // A fresh, exact-size ArrayBuffer (never a pooled Buffer), read from the checked descriptor.
    const out = new Uint8Array(st.size);
    let filled = 0;
    while (filled < out.length) {
      const { bytesRead } = await fh.read(out, filled, out.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file that shrank while read: hand back what is there (callers compare sizes).
    return filled === out.length ? out : out.slice(0, filled);
  } finally {
    await fh.close();
  }
}

function refuseIfNotRegular(p: string, st: Stats, opts: ReadOptions): void {
  if (!st.isFile()) throw new EquiLensError(toPosix(p), `is not a regular file (${kindOf(st)}); refused`);
  if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
    throw new EquiLensError(toPosix(p), `is ${st.size} bytes, over the ${opts.maxBytes}-byte limit`);
  }
}

async function checkSameFileWithin(p: string, fd: number, opened: Stats, within: string): Promise<void> {
  const realWithin = toPosix(await fsp.realpath(within));
  const refuse = (real: string) => new EquiLensError(toPosix(p), `leads outside ${toPosix(within)} (by its real path ${real}); refused`);
  // Linux names the file a descriptor holds: the kernel's own answer, with no window to race.
  const held = await fsp.readlink(`/proc/self/fd/${fd}`).catch(() => null);
  if (held !== null && held.startsWith('/')) {
    if (!isInside(realWithin, toPosix(held))) throw refuse(toPosix(held));
    return;
  }
  // Elsewhere: the opened file must be the one now at its real path inside the folder. lstat,
  // not stat: a real path has no links, so a link swapped in at that name since is not followed.
  const real = toPosix(await fsp.realpath(p));
  if (!isInside(realWithin, real)) throw refuse(real);
  const now = await fsp.lstat(real);
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    throw new EquiLensError(toPosix(p), 'was replaced while being opened; refused');
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

async function statOrNull(p: string): Promise<FileStat | null> {
  try {
    const s = await fsp.stat(p);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other', size: s.size };
  } catch {
    return null;
  }
}

/** Absolute, '/'-separated form of a user-given path (the core's path convention). */
export function toPosix(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}
