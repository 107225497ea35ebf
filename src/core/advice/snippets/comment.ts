/** `text` as comment lines of at most `width` characters, each starting with `prefix` ('//' or '#'). */
export function comment(prefix: string, text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length + 1 + word.length > width && line !== prefix) {
      lines.push(line);
      line = prefix;
    }
    line += ` ${word}`;
  }
  if (line !== prefix) lines.push(line);
  return lines;
}
