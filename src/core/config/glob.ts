/**
 * Glob patterns for `models`, matched against '/'-paths relative to the config's folder:
 * `*` any characters within a segment, `?` one, `**` any number of whole segments (none
 * included), `{a,b}` alternatives within a segment.
 *
 * Matching never backtracks: a pattern comes from a pull request, and a regular expression for
 * `**∕a*a*a*…b` (ours before, and picomatch 4's: 1.3 s for six stars over a 60-character name,
 * minutes for eight) is exponential in the number of stars. Here a segment is matched by the
 * two-pointer wildcard scan (O(pattern × name)) and `**` by a table over segment pairs, so any
 * pattern over any path costs at most (segments²) × (characters²).
 */
import { EquiLensError } from '../errors';

/** Most alternatives one segment's braces may expand to (`{a,b}{c,d}` is 4). */
export const MAX_BRACE_ALTERNATIVES = 256;

/** True when `pattern` uses a glob character (else it names one file or folder). */
export function isGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

/** The pattern without './' in front and '/' behind, as paths are compared. */
export function cleanPattern(pattern: string): string {
  return pattern.replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
}

/** The literal folder a walk for `pattern` can start in ('' for the root). */
export function globBase(pattern: string): string {
  const segs = cleanPattern(pattern).split('/');
  const first = segs.findIndex(isGlob);
  return (first < 0 ? segs : segs.slice(0, first)).join('/');
}

/**
 * A matcher for the relative paths `pattern` selects (compiled once, used for every path); a
 * pattern whose braces expand too far is refused naming `file` and `key` (the config's).
 */
export function globMatcher(pattern: string, file?: string, key?: string): (path: string) => boolean {
  const segs = cleanPattern(pattern)
    .split('/')
    .map((s) => (s === '**' ? GLOBSTAR : expandBraces(s, file, key)));
  return (path) => matchSegments(segs, path.split('/'));
}

/** True when the relative path `path` matches `pattern`. */
export function matchGlob(pattern: string, path: string): boolean {
  return globMatcher(pattern)(path);
}

const GLOBSTAR = null;
type Segment = string[] | typeof GLOBSTAR;

// memo[i][j]: do pattern segments i… match path segments j…? Filled on demand, each pair once.
function matchSegments(pat: Segment[], path: string[]): boolean {
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = i * (path.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    const seg = pat[i];
    if (i === pat.length) ok = j === path.length;
    // A trailing '**' takes one segment or more (`a/**` is what lies below a, not a itself).
    else if (seg === GLOBSTAR && i === pat.length - 1) ok = j < path.length;
    else if (seg === GLOBSTAR) ok = at(i + 1, j) || (j < path.length && at(i, j + 1));
    else ok = j < path.length && seg!.some((alt) => matchWildcards(alt, path[j]!)) && at(i + 1, j + 1);
    memo.set(key, ok);
    return ok;
  };
  return at(0, 0);
}

/**
 * `*` and `?` within one segment, by the classic scan that only ever returns to the last star
 * (a later star makes earlier choices irrelevant): O(pattern × text), never exponential.
 */
export function matchWildcards(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

// 'm{a,b}-{1,2}' → ['ma-1', 'ma-2', 'mb-1', 'mb-2']; an unclosed '{' is literal; capped.
function expandBraces(seg: string, file: string | undefined, key: string | undefined): string[] {
  let out = [''];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    const end = c === '{' ? seg.indexOf('}', i) : -1;
    if (end < 0) {
      out = out.map((o) => o + c);
      continue;
    }
    const alts = seg.slice(i + 1, end).split(',');
    if (out.length * alts.length > MAX_BRACE_ALTERNATIVES) {
      throw new EquiLensError(file, `${key ? `${key}: ` : ''}the glob segment "${seg}" expands to more than ${MAX_BRACE_ALTERNATIVES} alternatives`);
    }
    out = out.flatMap((o) => alts.map((a) => o + a));
    i = end;
  }
  return out;
}
