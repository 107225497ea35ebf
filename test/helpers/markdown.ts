// Reading Markdown the way GitHub renders it, for the tests that check the docs: headings and
// their anchors, and the links of a page (both outside fenced code blocks).

/** Lines outside ``` / ~~~ fences, with their 1-based line numbers. */
function proseLines(md: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  md.split('\n').forEach((text, i) => {
    const m = /^\s*(```|~~~)/.exec(text);
    if (m) {
      if (fence === null) fence = m[1]!;
      else if (m[1] === fence) fence = null;
      return;
    }
    if (fence === null) out.push({ line: i + 1, text });
  });
  return out;
}

/** A heading's text as GitHub shows it: inline code, emphasis and links reduced to their text. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
export function githubSlug(heading: string): string {
  return headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Every anchor a page has: its headings' slugs (repeats get -1, -2, … as on GitHub) and explicit `<a name|id>`s. */
export function anchorsOf(md: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(md)) {
    const h = /^ {0,3}#{1,6}\s+(.+)$/.exec(text);
    if (h) {
      const slug = githubSlug(h[1]!);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const a of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(a[1]!);
  }
  return anchors;
}

/** One link of a page: its target as written and the line it is on. */
export interface MdLink {
  target: string;
  line: number;
}

/** Inline links and images `[text](target)` / `![alt](target "title")` outside code (fenced or inline). */
export function linksOf(md: string): MdLink[] {
  const links: MdLink[] = [];
  for (const { line, text } of proseLines(md)) {
    const prose = text.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line });
  }
  return links;
}
