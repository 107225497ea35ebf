// Members as a table: filled row by row while the audit runs, with the ensemble mean at the end.
import { num, pct } from '../../core/report/format';
import type { AuditReport, MemberResult } from '../../core/report/types';
import { hasClasses, type FunctionMetrics } from '../../core/stats/types';
import { el, metric } from './dom';
import type { PanelHost } from './host';

/** `running` says whether members not yet in the table are still to come or will not come. */
export function renderMembersTable(members: MemberResult[], planned: string[], report: AuditReport | null, running: boolean, host: PanelHost): HTMLTableElement {
  const cls = report ? hasClasses(report.outputKind) : members.some((m) => m?.osp !== null && m?.osp !== undefined);
  const head = ['#', Math.max(members.length, planned.length) === 1 ? 'model' : 'member', 'relError', 'absError', ...(cls ? ['OSP', 'agree', 'DIV'] : [])];
  const cells = (at: string, m: FunctionMetrics) => [
    el('td', {}, metric(`${at}.relError`, m.relError, pct(m.relError))),
    el('td', {}, metric(`${at}.absError`, m.absError, num(m.absError, 4))),
    ...(cls
      ? [el('td', {}, metric(`${at}.osp`, m.osp, num(m.osp, 3))), el('td', {}, metric(`${at}.agreement`, m.agreement, pct(m.agreement, 1))), el('td', {}, metric(`${at}.div`, m.div, num(m.div, 4)))]
      : []),
  ];
  const rows: HTMLTableRowElement[] = [];
  const n = Math.max(members.length, planned.length);
  for (let i = 0; i < n; i++) {
    const m = members[i];
    const path = m?.path ?? planned[i] ?? '';
    rows.push(
      m
        ? el('tr', { 'data-member': i }, el('td', {}, String(i + 1)), el('th', { scope: 'row' }, pathCell(path, host)), ...cells(`members.${i}`, m))
        : el(
            'tr',
            { class: 'pending', 'data-member': i },
            el('td', {}, String(i + 1)),
            el('th', { scope: 'row' }, path),
            el('td', { colspan: head.length - 2 }, running ? 'waiting…' : 'not evaluated'),
          ),
    );
  }
  const e = report?.ensemble;
  if (e) rows.push(el('tr', { class: 'ensemble-row' }, el('td', {}), el('th', { scope: 'row' }, `ensemble mean (${e.size})`), ...cells('ensemble', e)));
  return el(
    'table',
    { class: 'members' },
    el('caption', { class: 'visually-hidden' }, 'Metrics of each member'),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows),
  );
}

/** In VS Code a path opens the model file; in an exported file it is plain text. */
function pathCell(path: string, host: PanelHost): Node {
  if (host.kind !== 'vscode') return document.createTextNode(path);
  const b = el('button', { type: 'button', class: 'link', title: `Open ${path}` }, path);
  b.addEventListener('click', () => host.post({ kind: 'openFile', path }));
  return b;
}
