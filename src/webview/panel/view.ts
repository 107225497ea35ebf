// Renders a PanelModel into the root, rebuilding only the parts whose inputs changed (compared by
// reference: step() never mutates), so progress ticks do not rebuild the page or steal focus.
import type { AuditReport } from '../../core/report/types';
import { curveChart } from './charts/curveChart';
import { layerChart } from './charts/layerChart';
import { lieSection } from './lieSection';
import { elementChart } from './charts/elementChart';
import { fixesSection } from './fixes';
import { memberChart } from './charts/memberChart';
import { el } from './dom';
import { renderHeader, type HeaderView } from './header';
import type { PanelHost } from './host';
import { renderMembersTable } from './membersTable';
import { picturesView } from './pictures/picturesView';
import type { PanelModel } from './state';
import { renderSummary } from './summary';

export function createView(root: HTMLElement, host: PanelHost, nonce: string): (model: PanelModel) => void {
  let last: PanelModel | null = null;
  let header: HeaderView | null = null;
  let body: HTMLElement | null = null;
  let width = 0;

  const render = (model: PanelModel, force = false) => {
    const s = model.state;
    const p = last?.state;
    if (force || !header || !p || p.title !== s.title || p.status !== s.status || p.error !== s.error || p.report !== s.report || last!.planned !== model.planned) {
      const next = renderHeader(model, host);
      if (header) header.node.replaceWith(next.node);
      else root.prepend(next.node);
      header = next;
    } else if (p.progress !== s.progress) header.setProgress(s.progress);
    if (force || !body || !p || p.report !== s.report || p.members !== s.members || p.status !== s.status || last!.planned !== model.planned) {
      width = chartWidth(root);
      const next = renderBody(model, host, nonce, width);
      if (body) body.replaceWith(next);
      else root.append(next);
      body = next;
    }
    last = model;
  };

  // Charts are drawn at a fixed pixel width: redraw them when the panel is resized noticeably.
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      if (last?.state.report && Math.abs(chartWidth(root) - width) > 24) render(last, true);
    });
  }).observe(root);

  return (model) => render(model);
}

function chartWidth(root: HTMLElement): number {
  return Math.max(320, Math.min(root.clientWidth || 800, 1000));
}

function renderBody(model: PanelModel, host: PanelHost, nonce: string, width: number): HTMLElement {
  const { state, planned } = model;
  const r = state.report;
  // A scroll region of its own, so a narrow panel scrolls the table instead of squeezing paths.
  const table =
    state.members.length || planned
      ? el('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Members table', tabindex: 0 }, renderMembersTable(state.members, planned?.members ?? [], r, state.status === 'running', host))
      : null;
  if (!r) return el('div', { class: 'body' }, table ? section('members', 'Members', table) : null);
  const ensemble = r.members.length > 1;
  const two = ensemble && r.perElement.length > 0 && width >= 860;
  const half = two ? Math.floor((width - 24) / 2) : Math.min(width, 900);
  return el(
    'div',
    { class: 'body' },
    renderSummary(r),
    fixesSection(r),
    r.ensemble ? section('curve', 'Ensemble size', curveChart(r.ensemble, Math.min(width, 900), nonce)) : null,
    r.layers?.length ? section('layers', 'Where symmetry breaks', layerChart(r, Math.min(width, 900), nonce)) : null,
    // Why there is no per-layer chart, said once (report.layersSkipped).
    r.layersSkipped ? el('p', { class: 'section-note layers-skipped' }, `Per-layer floors skipped: ${r.layersSkipped}`) : null,
    r.lie ? section('lie', 'Lie derivative', lieSection(r.lie)) : null,
    ensemble || r.perElement.length
      ? section(
          'breakdown',
          ensemble ? 'Members and transformations' : 'Transformations',
          el('div', { class: two ? 'chart-grid two' : 'chart-grid' }, ensemble ? memberChart(r, half, nonce) : null, r.perElement.length ? elementChart(r, half, nonce) : null),
        )
      : null,
    picturesView(r, nonce),
    table ? section('table', 'All metrics', table) : null,
    footer(r),
  );
}

function section(id: string, title: string, ...children: (Node | null)[]): HTMLElement {
  return el('section', { class: `section ${id}`, 'aria-labelledby': `${id}-heading` }, el('h2', { id: `${id}-heading` }, title), ...children);
}

function footer(r: AuditReport): HTMLElement {
  return el('footer', { class: 'footer' }, `EquiLens ${r.tool.version} · report created ${r.createdAt} · model fingerprint ${r.model.fingerprint}`);
}
