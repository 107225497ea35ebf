import { canonicalJson } from './fingerprint';
import { isObject } from './modelJson';

/**
 * Where two architectures (see fingerprint.ts) first differ, as 'path: a vs b', so an error
 * can say what differs instead of only that something does. Null when equal.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  // Arrays of plain values (shapes, kernel sizes) read better whole than element by element.
  const nested = (v: unknown[]) => v.some((x) => typeof x === 'object' && x !== null);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && (nested(a) || nested(b))) {
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return `${path || 'topology'}: ${short(a)} vs ${short(b)}`;
}

function short(v: unknown): string {
  const s = v === undefined ? 'absent' : canonicalJson(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
