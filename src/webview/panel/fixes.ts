// The report's fixes: what to change, why, what to expect, and per framework the code with a
// Copy button. Text always goes in as text nodes (el/textContent): layer names come from model
// files. The strict CSP allows no inline handlers, so the button listens with addEventListener.
import type { Fix } from '../../core/advice/types';
import { pct } from '../../core/report/format';
import { SNIPPET_TABS } from '../../core/report/fixesText';
import type { AuditReport } from '../../core/report/types';
import { el, metric } from './dom';

/** The fixes section, or null for a report without fixes (none needed, or recorded before fixes existed). */
export function fixesSection(r: AuditReport): HTMLElement | null {
  const fixes = r.fixes ?? [];
  if (!fixes.length) return null;
  return el(
    'section',
    { class: 'section fixes', 'aria-labelledby': 'fixes-heading' },
    el('h2', { id: 'fixes-heading' }, 'Fixes'),
    el(
      'p',
      { class: 'section-note' },
      !r.ensemble && r.members.length === 1
        ? 'One model (usually pretrained): what needs no training first (symmetrise at inference), then fine-tuning, then training again.'
        : 'Ranked by expected effect: the theorem’s conditions first (architecture, initialisation, augmentation), then ensemble size and workarounds.',
    ),
    el('ol', { class: 'fix-list' }, ...fixes.map((f, i) => fixItem(f, i))),
  );
}

function fixItem(f: Fix, i: number): HTMLElement {
  const { metric: name, from, to } = f.expected;
  const path = `fixes.${i}.expected`;
  const numbers =
    from === null ? null : el('span', { class: 'fix-numbers' }, `${name} `, metric(`${path}.from`, from, pct(from)), ' → ', metric(`${path}.to`, to, to === null ? '?' : to === 0 ? '0' : pct(to)));
  const code = SNIPPET_TABS.filter(({ key }) => f.snippets[key]).map(({ key, label }, k) => snippet(label, f.snippets[key]!, i === 0 && k === 0));
  return el(
    'li',
    { class: `fix ${f.condition}`, 'data-fix': f.id },
    el('h3', {}, f.title, ' ', el('span', { class: 'fix-condition' }, f.condition), numbers ? ' ' : null, numbers),
    el('dl', {}, el('dt', {}, 'What'), el('dd', {}, f.what), el('dt', {}, 'Why'), el('dd', {}, f.why), el('dt', {}, 'Expected effect'), el('dd', {}, f.effect)),
    code.length ? el('div', { class: 'fix-code' }, ...code) : null,
  );
}

/** One framework's code in a <details>, with a Copy button (and a selection to copy by hand where the clipboard is refused). */
function snippet(label: string, text: string, open: boolean): HTMLElement {
  const code = el('code', {}, text);
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': `Copy the ${label} code` }, 'Copy');
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(text).then(
      () => flash(button, 'Copied'),
      () => {
        getSelection()?.selectAllChildren(code);
        flash(button, 'Selected: press Ctrl+C');
      },
    );
  });
  return el('details', { open, 'data-snippet': label }, el('summary', {}, label), button, el('pre', { tabindex: 0 }, code));
}

function flash(button: HTMLButtonElement, text: string): void {
  button.textContent = text;
  setTimeout(() => (button.textContent = 'Copy'), 1500);
}
