// Renders the rows: aligned plain text for the terminal, a Markdown table for docs/real-models.md.
import type { Row } from './row';

const HEAD = ['model', 'status', 'input', 'output audited', 'kind', 'representation', 'group', 'verdict / finding / reason', 's', 'peak MiB'];

function cells(r: Row): string[] {
  return [r.id, r.status, r.input, r.output, r.kind, r.rep, r.group, r.result, r.seconds === null ? '' : r.seconds.toFixed(1), r.peakRssMiB === null ? '' : r.peakRssMiB.toFixed(0)];
}

/** Aligned columns; long representations and results wrap onto their own indented line. */
export function textTable(rows: readonly Row[]): string {
  const short = (r: Row) => {
    const c = cells(r);
    return [c[0], c[1], c[2], c[3], c[4], c[6], c[8], c[9]] as string[];
  };
  const head = [HEAD[0], HEAD[1], HEAD[2], HEAD[3], HEAD[4], HEAD[6], HEAD[8], HEAD[9]] as string[];
  const all = [head, ...rows.map(short)];
  const widths = head.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i >= c.length - 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ');
  const out = [line(head)];
  for (const r of rows) {
    out.push(line(short(r)));
    out.push(`    ${r.rep} → ${r.result}`);
  }
  return out.join('\n');
}

/** A GitHub Markdown table (pipes in cells escaped). */
export function markdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i >= HEAD.length - 2 ? '---:' : '---')).join('|')}|`];
  for (const r of rows)
    out.push(
      `| ${cells(r)
        .map((c, i) => (i === 5 && c ? `\`${esc(c)}\`` : esc(c)))
        .join(' | ')} |`,
    );
  return out.join('\n');
}

/** 'ok 30 · refused 1 · skip 9 · FAIL 2'. */
export function tally(rows: readonly Row[]): string {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.status, (n.get(r.status) ?? 0) + 1);
  return ['ok', 'refused', 'skip', 'FAIL']
    .filter((s) => n.has(s))
    .map((s) => `${s} ${n.get(s)}`)
    .join(' · ');
}
