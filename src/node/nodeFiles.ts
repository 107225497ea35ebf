import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, FileStat, FileSystem } from '../core/io/files';

/** The core's FileSystem over Node's `fs`, for the CLI, the extension host and workers. */
export const nodeFiles: FileSystem = {
  async readFile(p) {
    const buf = await fsp.readFile(p);
    // A fresh Uint8Array over an exact-size copy: pooled Buffers share memory with others.
    return new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  },
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
