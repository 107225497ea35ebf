// The verdict, the summary cards and the warnings. Every number comes from the report (or the
// core's own median) and carries its JSON path, see dom.ts metric().
import { num, pct } from '../../core/report/format';
import { membersNeededText, READING_WORDS, UNREACHABLE } from '../../core/report/verdictWords';
import { verdict } from '../../core/report/rows';
import type { AuditReport, EnsembleResult } from '../../core/report/types';
import { median } from '../../core/stats/elementErrors';
import type { FunctionMetrics } from '../../core/stats/types';
import { el, metric, type Child } from './dom';
import { ranOn } from '../../core/report/ranOn';
import { findingPlace } from '../../core/report/rows';

export function renderSummary(r: AuditReport): HTMLElement {
  const e = r.ensemble;
  const sentence = verdict(r);
  return el(
    'section',
    { class: 'summary', 'aria-labelledby': 'summary-heading' },
    el('h2', { id: 'summary-heading' }, 'Summary'),
    el('p', { class: 'verdict' }, ...(sentence ? [el('strong', {}, 'Verdict: '), sentence] : [noVerdict(e)])),
    el('div', { class: 'cards' }, ...(e ? ensembleCards(r, e) : singleCards(r)), predictionsCard(r, e ? 'ensemble' : 'members.0', e ?? r.members[0]!), runCard(r)),
    r.warnings.length ? el('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...r.warnings.map((w) => el('li', {}, w))) : null,
    findingsList(r),
  );
}

/** Static findings: which layer breaks which condition of the theorem, with the evidence. */
function findingsList(r: AuditReport): HTMLElement | null {
  const findings = r.findings ?? []; // reports recorded before findings existed have none
  if (!findings.length) return null;
  return el(
    'div',
    { class: 'findings' },
    el('h3', {}, 'Static findings (topology)'),
    el(
      'ul',
      { 'aria-label': 'Static findings' },
      ...findings.map((f) => el('li', { class: `finding ${f.severity}`, 'data-finding': f.kind }, el('strong', {}, `${findingPlace(f)}: ${f.title}`), ` — ${f.evidence}`)),
    ),
  );
}

function noVerdict(e: EnsembleResult | null): string {
  const none = READING_WORDS.none.replace(/^n/, 'N');
  if (!e) return 'One model: there is no ensemble to average, so no floor or curve. Audit a folder of members for them.';
  if (e.meanNearZero) return `${none}: the ensemble mean’s outputs are ≈ 0, so relative errors and the floor are not meaningful. Read absError and the absolute floor.`;
  return `${none}: the floor could not be estimated (see the warnings).`;
}

function card(title: string, ...children: Child[]): HTMLElement {
  return el('article', { class: 'card', 'aria-label': title }, el('h3', {}, title), ...children);
}

const big = (path: string, v: number | null, text: string) => el('div', { class: 'big' }, metric(path, v, text));
const line = (...children: Child[]) => el('div', { class: 'line' }, ...children);
const note = (text: string) => el('p', { class: 'note' }, text);

function ensembleCards(r: AuditReport, e: EnsembleResult): HTMLElement[] {
  const errors = r.members.map((m) => m.relError).filter((x): x is number => x !== null);
  const mid = median(errors);
  const lo = errors.length ? Math.min(...errors) : null;
  const hi = errors.length ? Math.max(...errors) : null;
  const ci = e.floorCI;
  const floor = e.meanNearZero
    ? card(
        'Floor (∞ members)',
        big('ensemble.floorAbs', e.floorAbs, num(e.floorAbs, 4)),
        line('absolute (RMS of the deviation) · relative ', metric('ensemble.floor', e.floor, pct(e.floor))),
        note('The relative floor is not meaningful here: the ensemble mean is ≈ 0.'),
      )
    : card(
        'Floor (∞ members)',
        big('ensemble.floor', e.floor, pct(e.floor)),
        line('95 % interval ', metric('ensemble.floorCI.0', ci?.[0], pct(ci?.[0])), ' – ', metric('ensemble.floorCI.1', ci?.[1], pct(ci?.[1]))),
        note('The error an infinitely large ensemble would keep. 0 means the symmetry emerges as members are added.'),
      );
  return [
    card(
      `Members (${r.members.length})`,
      big('members.median.relError', mid, pct(mid)),
      line('median relError · range ', metric('members.min.relError', lo, pct(lo)), ' – ', metric('members.max.relError', hi, pct(hi))),
      note('How far one model is from symmetric (0 = exact).'),
    ),
    card(
      'Ensemble mean',
      big('ensemble.relError', e.relError, pct(e.relError)),
      line('relError of the average of ', metric('ensemble.size', e.size, String(e.size)), ' members · absError ', metric('ensemble.absError', e.absError, num(e.absError, 4))),
    ),
    floor,
    card(
      'Members needed',
      line(el('span', { class: 'label' }, 'for 1 %: '), metric('ensemble.membersNeeded.0.01', e.membersNeeded['0.01'], membersNeededText(r, '0.01', false), 'metric strong')),
      line(el('span', { class: 'label' }, 'for 5 %: '), metric('ensemble.membersNeeded.0.05', e.membersNeeded['0.05'], membersNeededText(r, '0.05', false), 'metric strong')),
      note(
        `Ensemble size whose expected relError reaches the target, from the fitted curve; ${UNREACHABLE} when the floor interval excludes 0 and the floor is above the target, ${READING_WORDS.inconclusive} when the fitted floor is above it but its interval reaches 0.`,
      ),
    ),
  ];
}

function singleCards(r: AuditReport): HTMLElement[] {
  const m = r.members[0]!;
  return [
    card(
      'Model',
      big('members.0.relError', m.relError, pct(m.relError)),
      line('relError · absError ', metric('members.0.absError', m.absError, num(m.absError, 4))),
      note('How far the model is from symmetric (0 = exact).'),
    ),
  ];
}

/** OSP, agreement and DIV apply to classifiers only; the card is left out when all are null. */
function predictionsCard(r: AuditReport, at: string, f: FunctionMetrics): HTMLElement | null {
  if (f.osp === null && f.agreement === null && f.div === null) return null;
  const who = at === 'ensemble' ? 'Ensemble predictions' : 'Model predictions';
  return card(
    who,
    f.osp !== null ? line(el('span', { class: 'label' }, 'OSP '), metric(`${at}.osp`, f.osp, num(f.osp, 3), 'metric strong'), ` of ${r.group.order} orbit points keep the class`) : null,
    f.agreement !== null ? line(el('span', { class: 'label' }, 'agreement '), metric(`${at}.agreement`, f.agreement, pct(f.agreement, 1), 'metric strong')) : null,
    f.div !== null ? line(el('span', { class: 'label' }, 'DIV '), metric(`${at}.div`, f.div, num(f.div, 4), 'metric strong'), ' (symmetrised KL)') : null,
  );
}

function runCard(r: AuditReport): HTMLElement {
  return card(
    'Run',
    line(el('span', { class: 'label' }, 'backend '), ranOn(r)),
    line(
      el('span', { class: 'label' }, 'probes '),
      metric('probes.count', r.probes.count, String(r.probes.count)),
      ` from ${r.probes.source}`,
      r.probes.source === 'synthetic' ? el('span', { class: 'badge warn' }, 'synthetic') : null,
    ),
  );
}
