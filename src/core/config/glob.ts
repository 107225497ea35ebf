/**
 * Glob patterns for `models`, matched against '/'-paths relative to the config's folder:
 * `*` any characters within a segment, `?` one, `**` any number of whole segments (none
 * included), `{a,b}` alternatives. No library: the few rules here are all the config needs.
 */

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

/** A RegExp matching the relative paths `pattern` selects. */
export function globToRegExp(pattern: string): RegExp {
  const segs = cleanPattern(pattern).split('/');
  let src = '';
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    // '**' between segments may stand for none of them: a/**/b matches a/b.
    if (seg === '**') src += last ? '.*' : '(?:[^/]+/)*';
    else src += segment(seg) + (last ? '' : '/');
  });
  return new RegExp(`^${src}$`);
}

/** True when the relative path `path` matches `pattern`. */
export function matchGlob(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(path);
}

function segment(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = seg.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${seg.slice(i + 1, end).split(',').map(segment).join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return out;
}
