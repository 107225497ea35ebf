// The core's FileSystem inside a webview: metadata (stat, list, real path) comes from the
// extension host in small messages; file bytes are fetched from asWebviewUri URLs, so megabytes
// of weights never travel through postMessage.
import type { DirEntry, FileStat, FileSystem } from '../../core/io/files';
import { EquiLensError } from '../../core/errors';
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
    async readFile(path, opts = {}) {
      const url = resourceUrl(o.roots, path);
      if (!url) throw new Error(`${path} is outside the folders this audit may read`);
      // The resource server follows symlinks and opens devices: judge the file first, by the
      // host's answers (which are themselves confined by real path, webviewCompute.ts). A swap
      // between this check and the fetch is not closed here: the host side is (see SECURITY.md).
      const st = (await o.meta('stat', path)) as FileStat | null;
      if (!st || st.kind !== 'file') throw new EquiLensError(path, `is not a regular file${st ? '' : ' (missing)'}; refused`);
      if (opts.maxBytes !== undefined && st.size > opts.maxBytes) throw new EquiLensError(path, `is ${st.size} bytes, over the ${opts.maxBytes}-byte limit`);
      const real = String(await o.meta('realPath', path));
      const rootOf = o.roots.find((r) => isInside(r.path, path))!;
      const allowed = [String(await o.meta('realPath', rootOf.path)), ...(opts.within !== undefined ? [String(await o.meta('realPath', opts.within))] : [])];
      if (!allowed.every((dir) => isInside(dir, real))) throw new EquiLensError(path, `leads outside ${opts.within ?? rootOf.path} (by its real path); refused`);
      const res = await get(url);
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.byteLength > st.size && opts.maxBytes !== undefined) throw new EquiLensError(path, 'changed size while being read; refused');
      return bytes;
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
