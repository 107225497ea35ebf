// Injection strings for every name field (issue 13 §3) and the checks every renderer must pass
// with them: shared by the fuzzer's 'injection-names' class and test/security.escape.test.ts.
import MarkdownIt from 'markdown-it';
import { renderCheckMarkdown } from '../../src/core/ci/markdown';
import { renderJunit } from '../../src/core/ci/junit';
import { renderSarif } from '../../src/core/ci/sarif';
import { renderCheckSummary } from '../../src/core/ci/summary';
import type { CheckRun } from '../../src/core/ci/types';
import { renderHtml, renderMarkdown, renderTerminal } from '../../src/core/report';
import type { AuditReport } from '../../src/core/report/types';

/** Names an attacker would give a layer, node, folder, file or audit. */
export const HOSTILE_NAMES: readonly string[] = [
  '\\<img src=x onerror=alert(1)>',
  'a\n# Heading\n- item\n1. item\n> quote',
  'x\nequilens: all checks passed',
  '`code` ``two`` ``` fence',
  'back\\slash\\\\ | pipe | *em* _u_ ~~s~~ $x$ [l](javascript:alert(1)) ![i](x) &amp; &#60;',
  'esc\u001b[2J\u001b]0;title\u0007bel\rcr\u0008bs',
  'osc\u001b]8;;http://evil/\u001b\\link\u001b]8;;\u001b\\ c1\u009b31m\u0085nel',
  'bidi\u202eevil\u2066\u2028line\u2029para',
  '<script>alert(1)</script><b>bold</b>',
];

/** One hostile name, cycling through HOSTILE_NAMES. */
export const hostile = (i: number): string => HOSTILE_NAMES[i % HOSTILE_NAMES.length]!;

/** The same value with every string that holds a character outside [\w .,:%()/-] made harmless (same length). */
export function benign<T>(v: T): T {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return /[^\w .,:%()/–·×±→-]/.test(x) ? x.replace(/[^\w]/g, 'x') : x;
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]));
    return x;
  };
  return walk(v) as T;
}

const md = new MarkdownIt({ html: true });
// Every control character but '\n' and '\t' (C0, DEL, C1) and the separators/bidi controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The sequence of HTML tags Markdown renders to: what a hostile name could add or remove. */
export function markdownStructure(markdown: string): string[] {
  return [...md.render(markdown).matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[0]);
}

function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[0]);
}

/**
 * What is wrong with the renderings of `report` (and of a check run `run` holding it): each
 * output must have the structure it has for the same report with harmless names, and no control
 * character may reach a terminal, a log or a plain-text format. [] when all hold.
 */
export function injectionProblems(report: AuditReport, run?: CheckRun): string[] {
  const out: string[] = [];
  const safe = benign(report);
  const same = (what: string, a: string[], b: string[]) => {
    if (a.join(' ') !== b.join(' ')) out.push(`${what}: structure differs from the harmless rendering (${a.length} vs ${b.length} tags)`);
  };
  same('audit --md', markdownStructure(renderMarkdown(report)), markdownStructure(renderMarkdown(safe)));
  same('audit --html', tags(renderHtml(report)), tags(renderHtml(safe)));
  const term = renderTerminal(report);
  if (CONTROL.test(term)) out.push('terminal: a control character reaches the terminal');
  if (term.split('\n').length !== renderTerminal(safe).split('\n').length) out.push('terminal: a name adds or removes a line');
  if (run) {
    const safeRun = benign(run);
    same('check --format md', markdownStructure(renderCheckMarkdown(run, null, 1)), markdownStructure(renderCheckMarkdown(safeRun, null, 1)));
    const summary = renderCheckSummary(run, 1);
    if (CONTROL.test(summary)) out.push('check summary: a control character reaches the terminal');
    if (summary.split('\n').length !== renderCheckSummary(safeRun, 1).split('\n').length) out.push('check summary: a name adds or removes a line');
    if (
      summary
        .split('\n')
        .map((l) => (l.startsWith('equilens:') ? l : ''))
        .join('\n')
        .includes('equilens: all checks passed')
    )
      out.push('check summary: a forged line');
    const junit = renderJunit(run);
    if (CONTROL.test(junit)) out.push('junit: a control character in the XML');
    if (tags(junit).join(' ') !== tags(renderJunit(safeRun)).join(' ')) out.push('junit: structure differs from the harmless rendering');
    const sarif = renderSarif(run, { uri: (f) => f, line: () => null }) as { runs: { results: { message: { text: string } }[] }[] };
    for (const r of sarif.runs[0]!.results)
      if (CONTROL.test(r.message.text) || r.message.text.includes('\n')) out.push(`sarif: message.text holds a control character: ${JSON.stringify(r.message.text)}`);
  }
  return out;
}
