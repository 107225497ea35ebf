/** POSIX-style path helpers, so the core needs no Node `path` module. */

/** Joins and normalises segments; a segment starting with '/' restarts the path. */
export function joinPath(...parts: string[]): string {
  let joined = '';
  for (const p of parts) joined = p.startsWith('/') ? p : joined ? `${joined}/${p}` : p;
  return normalizePath(joined);
}

/** Resolves '.', '..' and duplicate slashes; keeps a leading '/'. */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
}

export function dirname(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** True when `child` is `parent` itself or lies below it (both normalised, absolute). */
export function isInside(parent: string, child: string): boolean {
  const a = normalizePath(parent);
  const b = normalizePath(child);
  return b === a || b.startsWith(a === '/' ? '/' : `${a}/`);
}

/** `child` relative to `base` when inside it, else `child` unchanged. */
export function relativeTo(base: string, child: string): string {
  const a = normalizePath(base);
  const b = normalizePath(child);
  if (b === a) return '.';
  return isInside(a, b) ? b.slice(a.length + (a === '/' ? 0 : 1)) : b;
}
