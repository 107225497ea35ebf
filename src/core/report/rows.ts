import type { Finding } from '../checks/findings';
import type { AuditReport } from './types';
import { median } from '../stats/elementErrors';
import { hasClasses } from '../stats/types';
import { num, pct } from './format';
import { notMeasurable, NOT_MEASURABLE } from './measurable';

/** The summary table's rows (members, then the ensemble mean), shared by terminal and Markdown. */
export function summaryRows(r: AuditReport): string[][] {
  const cls = hasClasses(r.outputKind);
  const head = ['model', 'relError', 'absError', ...(cls ? ['OSP', 'agree', 'DIV'] : [])];
  const row = (name: string, m: AuditReport['members'][number] | NonNullable<AuditReport['ensemble']>) => [
    name,
    pct(m.relError),
    num(m.absError, 4),
    ...(cls ? [num(m.osp, 3), pct(m.agreement, 1), num(m.div, 4)] : []),
  ];
  // Members whose output is constant: their numbers are not meaningful (degenerate-output).
  const flat = new Set((r.findings ?? []).filter((f) => f.kind === 'degenerate-output').flatMap((f) => f.members ?? []));
  const rows = [head, ...r.members.map((m) => row(flat.has(m.path) ? `${m.path} (constant output)` : m.path, m))];
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
  // A constant output is trivially symmetric: never a pass, whatever the floor says.
  if (notMeasurable(r)) return NOT_MEASURABLE;
  // Measured against a rule the outputs probably do not follow: no reading of the floor either way.
  const mismatch = (r.findings ?? []).find((f) => f.kind === 'representation-mismatch');
  if (mismatch) return `not judged: the representation is probably wrong (representation-mismatch), so these errors measure the wrong thing — ${mismatch.evidence.split('; ').at(-1)}`;
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

/** The output audited, as every renderer names it: "'Identity:0' [?,17,3] · regression (why)". */
export function auditedOutput(r: AuditReport): string {
  const o = r.model.output;
  const shape = `[${o.shape.map((d) => d ?? '?').join(',')}]`;
  return `'${o.name}' ${o.shape.length ? shape : '(shape unknown)'} · ${r.outputKind} (${r.outputKindReason})`;
}

/** The points' mean displacement in input pixels, per member and ensemble mean; null for other representations. */
export function pointErrorLine(r: AuditReport): string | null {
  const px = (v: number | undefined) => (v === undefined ? '–' : `${v.toPrecision(3)} px`);
  if (r.representation.kind !== 'points') return null;
  const members = r.members.map((m) => px(m.pointErrorPx));
  const parts = [`members ${members.length > 4 ? `median ${px(median(r.members.map((m) => m.pointErrorPx ?? null)) ?? undefined)}` : members.join(', ')}`];
  if (r.ensemble) parts.push(`ensemble mean ${px(r.ensemble.pointErrorPx)}`);
  return `pointErrorPx (mean point displacement, input pixels): ${parts.join(' · ')}`;
}

/** What a finding is about: its layer, else the member(s) it names, else '–' (the whole ensemble). */
export function findingPlace(f: Finding): string {
  // Findings about several members (duplicate-members, degenerate-output) name the one, or count them.
  const members = f.members?.length === 1 ? f.members[0] : f.members?.length ? `${f.members.length} members` : undefined;
  return f.layer ?? f.member ?? members ?? '–';
}
