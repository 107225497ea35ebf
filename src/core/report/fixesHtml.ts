import { SNIPPET_TABS } from './fixesText';
import type { AuditReport } from './types';
import { htmlText as esc } from './escape';

/** The standalone HTML's fixes: what, why, effect, and each snippet in a closed <details>. */
export function fixesHtml(r: AuditReport): string {
  const fixes = r.fixes ?? [];
  if (!fixes.length) return '';
  const items = fixes.map((f) => {
    const code = SNIPPET_TABS.filter(({ key }) => f.snippets[key]).map(({ key, label }) => `<details><summary>${label}</summary><pre><code>${esc(f.snippets[key]!)}</code></pre></details>`);
    return `<li class="fix" data-fix="${esc(f.id)}"><h3>${esc(f.title)}</h3><p><strong>What:</strong> ${esc(f.what)}</p><p><strong>Why:</strong> ${esc(f.why)}</p><p><strong>Expected effect:</strong> ${esc(f.effect)}</p>${code.join('')}</li>`;
  });
  return `<h2>Fixes</h2><ol class="fixes">${items.join('')}</ol>`;
}
