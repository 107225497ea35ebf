/** Deepest bracket nesting of equilens.config.json: real configs nest 4 levels; the parser recurses per level. */
export const MAX_CONFIG_DEPTH = 64;

/**
 * The offset of the first bracket nested deeper than `max` in JSON-with-comments text, or -1.
 * One pass, skipping strings and comments, so it runs before the recursive parser could
 * overflow its stack (100 000 nested brackets did).
 */
export function tooDeepAt(text: string, max = MAX_CONFIG_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{' || c === '[') {
      if (++depth > max) return i;
    } else if (c === '}' || c === ']') depth--;
  }
  return -1;
}
