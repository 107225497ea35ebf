// The panel's top: title, what was audited, status (with progress), and the actions that fit it.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { FromPanel } from '../../protocol';
import type { AuditReport } from '../../core/report/types';
import { el, metric } from './dom';
import type { PanelHost } from './host';
import type { PanelModel } from './state';
import { ranOn } from '../../core/report/ranOn';
import { auditedOutput } from '../../core/report/rows';
import { groupLabel } from '../../core/report/groupLabel';

export interface HeaderView {
  node: HTMLElement;
  /** Moves the progress bar without rebuilding the header (keeps keyboard focus on Cancel). */
  setProgress(p: { done: number; total: number } | null): void;
}

export function renderHeader(model: PanelModel, host: PanelHost): HeaderView {
  const { state, planned } = model;
  const bar = el('vscode-progress-bar', { 'aria-label': 'Audit progress' });
  const count = el('span', { class: 'progress-count' });
  const setProgress = (p: { done: number; total: number } | null) => {
    if (p && p.total > 0) {
      bar.value = p.done;
      bar.max = p.total;
      count.textContent = `${p.done} / ${p.total} evaluations (members × group elements)`;
    } else {
      bar.value = undefined;
      count.textContent = 'starting…';
    }
  };
  setProgress(state.progress);

  const node = el(
    'header',
    { class: 'header' },
    el('div', { class: 'title-row' }, el('h1', {}, state.title || 'EquiLens'), groupLine(state.group ?? state.report?.group.name, state.status, host), actions(state.status, host)),
    state.report ? facts(state.report) : planned ? el('p', { class: 'facts-line' }, plannedLine(planned)) : null,
    status(state.status, state.report, state.error, bar, count),
  );
  return { node, setProgress };
}

/**
 * The group this audit runs under, never left implicit (Audit Ensemble… used to reuse the last
 * one unseen), with a one-click Change group… where a host can re-run the audit.
 */
function groupLine(group: string | undefined, kind: PanelModel['state']['status'], host: PanelHost): HTMLElement | null {
  if (group === undefined) return null;
  const change =
    host.kind === 'vscode' && kind !== 'running'
      ? el('vscode-button', { secondary: true, 'aria-label': 'Audit the same models under another group', 'data-action': 'changeGroup' }, 'Change group…')
      : null;
  change?.addEventListener('click', () => host.post({ kind: 'changeGroup' }));
  return el('div', { class: 'group-line' }, el('span', { class: 'label' }, 'Group '), el('strong', { class: 'group-name', 'data-group': group }, groupLabel(group)), change);
}

function plannedLine(p: NonNullable<PanelModel['planned']>): string {
  return `${p.members.length === 1 ? '1 model' : `ensemble of ${p.members.length} members`} · ${p.order} group elements · ${p.probes} probes`;
}

/** What was audited, as label/value pairs; every value is report text inserted as text. */
function facts(r: AuditReport): HTMLElement {
  const g = r.group;
  const elements = g.elements.slice(1).join(', ');
  const sampled = g.sampled ? ` — a seeded sample of ${g.fullOrder}` : '';
  const probes = el(
    'dd',
    {},
    r.probes.source === 'synthetic' ? el('span', { class: 'badge warn', title: 'Synthetic probes: numbers may not reflect your data' }, 'synthetic') : null,
    r.probes.description,
  );
  return el(
    'dl',
    { class: 'facts' },
    el('dt', {}, 'Group'),
    el('dd', {}, `${g.name} · `, metric('group.order', g.order, String(g.order), 'plain'), ` elements${sampled} (identity, ${elements})`),
    el('dt', {}, 'Outputs'),
    el('dd', {}, `${r.representation.description} · output ${auditedOutput(r)}`),
    el('dt', {}, 'Probes'),
    probes,
    el('dt', {}, 'Backend'),
    el(
      'dd',
      { title: r.compute?.reason ?? '' },
      `${ranOn(r)} · `,
      metric('timing.totalSeconds', r.timing.totalSeconds, `${r.timing.totalSeconds.toFixed(1)} s`, 'plain'),
      ` · EquiLens ${r.tool.version}`,
    ),
  );
}

function status(kind: PanelModel['state']['status'], report: AuditReport | null, error: string | null, bar: HTMLElement, count: HTMLElement): HTMLElement {
  const box = (cls: string, ...children: (Node | string)[]) => el('div', { class: `status ${cls}`, role: 'status', 'aria-live': 'polite' }, ...children);
  switch (kind) {
    case 'running':
      return box('running', el('span', { class: 'status-label' }, 'Auditing…'), count, bar);
    case 'done':
      return report ? el('div', { class: 'status-gap' }) : box('done', 'Done.');
    case 'failed':
      return el('div', { class: 'status failed', role: 'alert' }, el('strong', {}, 'Audit failed: '), el('span', { class: 'error-message' }, error ?? 'unknown error'));
    case 'cancelled':
      return box('cancelled', 'Cancelled.');
  }
}

/** Buttons exist only where a host can act on them (never in an exported file). */
function actions(kind: PanelModel['state']['status'], host: PanelHost): HTMLElement | null {
  if (host.kind !== 'vscode') return null;
  const button = (label: string, msg: FromPanel, secondary: boolean, aria?: string) => {
    const b = el('vscode-button', { secondary, 'aria-label': aria ?? label, 'data-action': msg.kind === 'export' ? `export-${msg.format}` : msg.kind }, label);
    b.addEventListener('click', () => host.post(msg));
    return b;
  };
  const list =
    kind === 'running'
      ? [button('Cancel', { kind: 'cancel' }, true, 'Cancel the audit')]
      : [
          ...(kind === 'done'
            ? [
                button('Export HTML', { kind: 'export', format: 'html' }, true, 'Export the report as an HTML file'),
                button('Export Markdown', { kind: 'export', format: 'md' }, true, 'Export the report as Markdown'),
                button('Export JSON', { kind: 'export', format: 'json' }, true, 'Export the report as JSON'),
              ]
            : []),
          button('Re-run', { kind: 'rerun' }, false, 'Run the audit again'),
        ];
  return el('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Report actions' }, ...list);
}
