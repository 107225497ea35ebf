// The report panel's Lie derivative section (report.lie): one line on what was measured, the
// ensemble-vs-members table, and a per-layer table when the report has per-layer values.
import type { LieReport } from '../../core/lie/types';
import { lieHead, lieRows, lieValue } from '../../core/report/lieRows';
import { el, metric } from './dom';

/** The section's content; null when the audit did not ask for the Lie derivative. */
export function lieSection(lie: LieReport | undefined): HTMLElement | null {
  if (!lie) return null;
  const [head, ...rows] = lieRows(lie);
  // The value cells carry their JSON path and raw number (dom.ts metric), as the members table's do.
  const paths = [...(lie.ensemble ? ['lie.ensemble'] : []), ...lie.members.map((_, i) => `lie.members.${i}`)];
  const raw = [...(lie.ensemble ? [lie.ensemble] : []), ...lie.members];
  const table = el(
    'table',
    { class: 'lie-table' },
    el('thead', {}, el('tr', {}, ...head!.map((c) => el('th', {}, c)))),
    el('tbody', {}, ...rows.map((r, i) => el('tr', {}, ...r.map((c, j) => el('td', {}, j === 1 ? metric(`${paths[i]}.median`, raw[i]!.median, c) : c))))),
  );
  const layers = lie.layers?.length
    ? el(
        'table',
        { class: 'lie-layers' },
        el('thead', {}, el('tr', {}, el('th', {}, 'layer'), el('th', {}, 'ensemble mean'), el('th', {}, 'members (median)'))),
        el(
          'tbody',
          {},
          ...lie.layers.map((l, i) =>
            el(
              'tr',
              {},
              el('td', {}, l.note && l.ensemble === null && l.memberMedian === null ? `${l.name} (${l.note})` : l.name),
              el('td', {}, metric(`lie.layers.${i}.ensemble`, l.ensemble, lieValue(l.ensemble, l.error))),
              el('td', {}, lieValue(l.memberMedian)),
            ),
          ),
        ),
      )
    : null;
  const skipped = lie.layersSkipped ? el('p', { class: 'section-note' }, `Per layer: ${lie.layersSkipped}`) : null;
  return el('div', { class: 'lie' }, el('p', {}, lieHead(lie)), el('div', { class: 'table-wrap' }, table), layers, skipped);
}
