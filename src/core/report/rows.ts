import type { Finding } from '../checks/findings';
import type { AuditReport } from './types';
import { median } from '../stats/elementErrors';
import { num, pct } from './format';

/** The summary table's rows (members, then the ensemble mean), shared by terminal and Markdown. */
export function summaryRows(r: AuditReport): string[][] {
  const cls = r.outputKind !== 'regression';
  const head = ['model', 'relError', 'absError', ...(cls ? ['OSP', 'agree', 'DIV'] : [])];
  const row = (name: string, m: AuditReport['members'][number] | NonNullable<AuditReport['ensemble']>) => [
    name,
    pct(m.relError),
    num(m.absError, 4),
    ...(cls ? [num(m.osp, 3), pct(m.agreement, 1), num(m.div, 4)] : []),
  ];
  const rows = [head, ...r.members.map((m) => row(m.path, m))];
  if (r.ensemble) rows.push(row(`ensemble mean (${r.ensemble.size})`, r.ensemble));
  return rows;
}

/** One line on what the ensemble statistics mean for the user. */
export function floorLine(r: AuditReport): string | null {
  const e = r.ensemble;
  if (!e) return null;
  const ci = e.floorCI ? ` (95% CI ${pct(e.floorCI[0])} – ${pct(e.floorCI[1])})` : '';
  const need = (eps: '0.01' | '0.05') => (e.membersNeeded[eps] === null ? 'unreachable' : `${e.membersNeeded[eps]} members`);
  return `floor ${pct(e.floor)}${ci} · to reach 1%: ${need('0.01')} · to reach 5%: ${need('0.05')}`;
}

/**
 * Reading of the floor against THEORY §4. An interval that reaches 0 only supports "satisfied"
 * when it is also narrow next to the members' own error; a wide one is inconclusive.
 */
export function verdict(r: AuditReport): string | null {
  const e = r.ensemble;
  if (!e || e.floor === null || !e.floorCI) return null;
  const [lo, hi] = e.floorCI;
  const memberMedian = median(r.members.map((m) => m.relError));
  if (lo <= 1e-4 && (memberMedian === null || hi <= Math.max(0.02, 0.5 * memberMedian))) {
    return 'the floor interval reaches 0: the emergence conditions look satisfied (the ensemble mean becomes equivariant as it grows)';
  }
  if (lo <= 1e-4) {
    return `inconclusive: the floor interval reaches 0 but is wide (up to ${pct(hi)}); more members or probes would narrow it`;
  }
  return 'the floor is clearly above 0: the infinite ensemble would not be equivariant — check augmentation, initialisation and architecture (THEORY §1)';
}

/** What a finding is about: its layer, else the member it was found in, else '–' (the whole ensemble). */
export function findingPlace(f: Finding): string {
  return f.layer ?? f.member ?? '–';
}
