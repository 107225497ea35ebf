import type { Fix, Snippets } from '../advice/types';
import { mdFence } from './escape';
import { pct } from './format';
import type { AuditReport } from './types';

/** The frameworks in the order every renderer shows them, with their names and code languages. */
export const SNIPPET_TABS: { key: keyof Snippets; label: string; lang: string }[] = [
  { key: 'tfjs', label: 'TF.js', lang: 'ts' },
  { key: 'keras', label: 'Keras', lang: 'python' },
  { key: 'pytorch', label: 'PyTorch', lang: 'python' },
];

/** 'floor 10.45% → 0', 'relError 2.42% → 1.00%', or '' when the report gave no numbers. */
export function expectedText(f: Fix): string {
  const { metric, from, to } = f.expected;
  if (from === null) return '';
  return `${metric} ${pct(from)} → ${to === null ? '?' : to === 0 ? '0' : pct(to)}`;
}

/** The terminal's short list: the top three fixes by title, with the numbers they move. */
export function fixLines(r: AuditReport, top = 3): string[] {
  const fixes = r.fixes ?? [];
  if (!fixes.length) return [];
  const lines = fixes.slice(0, top).map((f, i) => {
    const n = expectedText(f);
    return `  ${i + 1}. ${f.title}${n ? ` (${n})` : ''} [${f.condition}]`;
  });
  const more = fixes.length > top ? ` (${fixes.length - top} more)` : '';
  const order = oneModel(r) ? 'for one model, least training first' : 'by expected effect';
  return [`fixes, ${order}${more}; --md or --html for why, effect and code:`, ...lines];
}

/** Markdown: each fix with what, why and effect, and its snippets in fenced code blocks. */
export function fixesMarkdown(r: AuditReport, esc: (s: string) => string): string[] {
  const fixes = r.fixes ?? [];
  if (!fixes.length) return [];
  const out = [
    '',
    '## Fixes',
    '',
    oneModel(r)
      ? 'One model (usually pretrained): what needs no training first (symmetrise at inference), then fine-tuning, then training again; by expected effect within each.'
      : 'Ranked by expected effect (THEORY §1: architecture, initialisation, augmentation; then ensemble size and workarounds).',
  ];
  fixes.forEach((f, i) => {
    out.push('', `### ${i + 1}. ${esc(f.title)}`, '', `- **What:** ${esc(f.what)}`, `- **Why:** ${esc(f.why)}`, `- **Expected effect:** ${esc(f.effect)}`);
    for (const { key, label, lang } of SNIPPET_TABS) {
      const code = f.snippets[key];
      if (!code) continue;
      // A fence longer than any backtick run inside, so layer names cannot close it.
      const fence = mdFence(code);
      out.push('', `${label}:`, '', `${fence}${lang}`, code, fence);
    }
  });
  return out;
}

/** One model, no ensemble: the advice is ordered by the training it needs (advice/rank.ts). */
function oneModel(r: AuditReport): boolean {
  return !r.ensemble && r.members.length === 1;
}
