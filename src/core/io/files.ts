/**
 * The core's only window on storage. Node front ends pass a `fs`-backed implementation
 * (src/node/nodeFiles.ts); a webview can pass one backed by fetch. Paths are absolute,
 * '/'-separated strings.
 */
export interface FileSystem {
  /** Whole file contents. Rejects when missing. */
  readFile(path: string): Promise<Uint8Array>;
  /** Canonical absolute path with every symlink resolved. Rejects when missing. */
  realPath(path: string): Promise<string>;
  /** Directory entries (names, not paths), sorted by name. */
  readDir(path: string): Promise<DirEntry[]>;
  /** Kind and size, or null when nothing is there. Follows symlinks. */
  stat(path: string): Promise<FileStat | null>;
}

export interface DirEntry {
  name: string;
  kind: 'file' | 'dir' | 'other';
}

export interface FileStat {
  kind: 'file' | 'dir' | 'other';
  size: number;
}
