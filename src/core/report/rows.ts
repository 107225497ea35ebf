import type { AuditReport } from './types';
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

/** Reading of the floor against THEORY §4: satisfied, or which condition to suspect. */
export function verdict(r: AuditReport): string | null {
  const e = r.ensemble;
  if (!e || e.floor === null) return null;
  if (e.floorCI && e.floorCI[0] <= 1e-4) {
    return 'the floor interval reaches 0: the emergence conditions look satisfied (the ensemble mean becomes equivariant as it grows)';
  }
  return 'the floor is clearly above 0: the infinite ensemble would not be equivariant — check augmentation, initialisation and architecture (THEORY §1)';
}
