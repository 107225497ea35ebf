// The core's FileSystem inside a webview: metadata (stat, list, real path) comes from the
// extension host in small messages; file bytes are fetched from asWebviewUri URLs, so megabytes
// of weights never travel through postMessage.
import type { DirEntry, FileStat, FileSystem } from '../../core/io/files';
import { isInside, relativeTo } from '../../core/io/paths';

export type MetaOp = 'stat' | 'readDir' | 'realPath';

/** A folder the webview may read, and the URL VS Code serves it under (asWebviewUri). */
export interface ResourceRoot {
  path: string;
  uri: string;
}

export interface RemoteFilesOptions {
  /** Asks the host; resolves to the FileSystem method's value, rejects when it would reject. */
  meta(op: MetaOp, path: string): Promise<unknown>;
  roots: readonly ResourceRoot[];
  fetch?: typeof globalThis.fetch;
}

export function remoteFiles(o: RemoteFilesOptions): FileSystem {
  const get = o.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async readFile(path) {
      const url = resourceUrl(o.roots, path);
      if (!url) throw new Error(`${path} is outside the folders this audit may read`);
      const res = await get(url);
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    realPath: async (path) => String(await o.meta('realPath', path)),
    readDir: async (path) => (await o.meta('readDir', path)) as DirEntry[],
    stat: async (path) => (await o.meta('stat', path)) as FileStat | null,
  };
}

/** The URL of `path` under the first root that contains it, each segment percent-encoded. */
export function resourceUrl(roots: readonly ResourceRoot[], path: string): string | null {
  const root = roots.find((r) => isInside(r.path, path));
  if (!root) return null;
  const rel = relativeTo(root.path, path);
  const tail = rel === '.' || rel === '' ? '' : '/' + rel.split('/').map(encodeURIComponent).join('/');
  return root.uri.replace(/\/+$/, '') + tail;
}
