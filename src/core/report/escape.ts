/**
 * The one place untrusted text (model, folder and file names, node names, config audit names,
 * error messages quoting them) is made safe for an output. Every renderer goes through these:
 * a name may hold newlines followed by `# `, backticks, backslashes, `<img onerror=…>`, ESC,
 * BEL, CR or OSC sequences, and none of them may change what a reader or a terminal sees
 * beyond the name's own characters.
 */

// C0 (but tab), DEL, C1, the line and paragraph separators and the bidi overrides/isolates
// ("Trojan source"): each could move the cursor, end a line, retitle a terminal or reorder text.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One visible line: control characters (newlines included) become `\n`, `\x1b`, `\u202e` … */
export function plainText(s: string): string {
  return String(s).replace(CONTROL, visible);
}

/** Like plainText but keeps '\n' (for multi-line text such as code snippets and error bodies). */
export function plainLines(s: string): string {
  return String(s).replace(CONTROL_BUT_NEWLINE, visible);
}

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Every string in `value` (a report, a check run) through plainText, except those under a key
 * in `multiLine` (code snippets), which keep their newlines. A copy: the original (and its JSON
 * form, which escapes on its own) keeps the exact names.
 */
export function plainStrings<T>(value: T, multiLine: ReadonlySet<string> = MULTI_LINE_KEYS, line: (s: string) => string = plainText): T {
  const walk = (v: unknown, lines: boolean): unknown => {
    if (typeof v === 'string') return lines ? plainLines(v) : line(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, lines));
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, lines || multiLine.has(k));
      return out;
    }
    return v;
  };
  return walk(value, false) as T;
}

/** For XML (JUnit): control characters dropped, line breaks a space (XML 1.0 cannot hold most of them). */
export function droppedControls(s: string): string {
  return String(s).replace(CONTROL, (c) => (c === '\n' || c === '\r' ? ' ' : ''));
}

/** Report keys whose strings are multi-line by design (fix snippets). */
export const MULTI_LINE_KEYS: ReadonlySet<string> = new Set(['snippets']);

// Everything inline Markdown (CommonMark + GFM, GitHub's math) gives a meaning to. '|' only
// matters in a table row (one line of text cannot make a table), so mdCell escapes it.
const MD_SPECIAL = /[\\`*_[\]<>&~#$!{}]/g;

/**
 * Text for inline Markdown (a heading, a list item, a paragraph, a table cell): one line, and
 * every character Markdown or raw HTML could act on backslash-escaped, so it renders as itself.
 */
export function mdText(s: string): string {
  return plainText(s).replace(MD_SPECIAL, (c) => `\\${c}`);
}

/** A table cell: mdText with '|' escaped too, and no newline left to end the row. */
export function mdCell(s: string): string {
  return mdText(s).replace(/\|/g, '\\|');
}

/**
 * An inline code span for untrusted text: one line, wrapped in a backtick run longer than any
 * inside it (padded with spaces when it starts or ends with a backtick), so it cannot be closed
 * early. Not for table cells: GFM splits cells on '|' even inside code spans (use mdCell).
 */
export function mdCode(s: string): string {
  const t = plainText(s);
  const fence = '`'.repeat(Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = /^`|`$|^ .* $/.test(t) || t === '' ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A fenced code block's fence: longer than any backtick run in `code`, at least three. */
export function mdFence(code: string): string {
  return '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
}

/** HTML-escapes text for element content and attribute values (control characters made visible). */
export function htmlText(s: string): string {
  return plainLines(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One line for a terminal or a CI log (stdout, stderr): no control character survives. */
export function termText(s: string): string {
  return plainText(s);
}

/** Output we composed ourselves, line by line: our newlines stay, every other control character goes. */
export function termLines(s: string): string {
  return plainLines(s);
}
