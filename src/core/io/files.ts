/**
 * The core's only window on storage. Node front ends pass a `fs`-backed implementation
 * (src/node/nodeFiles.ts); a webview can pass one backed by fetch. Paths are absolute,
 * '/'-separated strings.
 */
export interface FileSystem {
  /**
   * Whole contents of a regular file. Rejects when missing, and with an EquiLensError naming
   * the path when it is not a regular file (a device such as /dev/zero, a FIFO, a socket: never
   * opened for reading, never waited on) or breaks `opts`. Implementations check `opts` on the
   * file they opened, not on the path beforehand, so swapping the file between check and read
   * cannot slip another file in (see ReadOptions).
   */
  readFile(path: string, opts?: ReadOptions): Promise<Uint8Array>;
  /** Canonical absolute path with every symlink resolved. Rejects when missing. */
  realPath(path: string): Promise<string>;
  /** Directory entries (names, not paths), sorted by name. */
  readDir(path: string): Promise<DirEntry[]>;
  /** Kind and size, or null when nothing is there. Follows symlinks. */
  stat(path: string): Promise<FileStat | null>;
}

/** What a read must hold to: checked on the opened file itself. */
export interface ReadOptions {
  /**
   * An absolute folder the file's real path (every symlink resolved) must lie in. The Node
   * implementation opens the file once, then checks that the open descriptor is the very file
   * (device and inode) found at a real path inside this folder, and reads from that descriptor.
   */
  within?: string;
  /** Refuse a file larger than this many bytes (judged by the opened file's size). */
  maxBytes?: number;
}

export interface DirEntry {
  name: string;
  kind: 'file' | 'dir' | 'other';
}

export interface FileStat {
  kind: 'file' | 'dir' | 'other';
  size: number;
}
