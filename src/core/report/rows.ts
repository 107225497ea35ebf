import type { Finding } from '../checks/findings';
import type { AuditReport } from './types';
import { median } from '../stats/elementErrors';
import { hasClasses } from '../stats/types';
import { num, pct } from './format';
import { NOT_MEASURABLE } from './measurable';
import { membersNeededText, reading, READING_WORDS, RESAMPLING_MARGIN, zeroFloor } from './verdictWords';

/** The ensemble-size curve's columns in Markdown and HTML: k = N is the ensemble itself; 'expected (fit)' is THEORY §4's model. */
export const CURVE_HEAD = ['k', 'relError (mean ± sd)', 'expected (fit)', 'OSP', 'DIV'] as const;

/** The summary table's rows (members, then the ensemble mean), shared by terminal and Markdown. */
export function summaryRows(r: AuditReport): string[][] {
  const cls = hasClasses(r.outputKind);
  // One model is the model; several are an ensemble's members (the last row is the ensemble).
  const head = [r.members.length === 1 ? 'model' : 'member', 'relError', 'absError', ...(cls ? ['OSP', 'agree', 'DIV'] : [])];
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
  return `floor ${pct(e.floor)}${ci} · to reach 1%: ${membersNeededText(r, '0.01')} · to reach 5%: ${membersNeededText(r, '0.05')}`;
}

/**
 * Reading of the floor against THEORY §4 (verdictWords.ts decides it, and names it first). An
 * interval that reaches 0 only supports "satisfied" when it is also narrow next to the members'
 * own error; a wide one is inconclusive.
 */
export function verdict(r: AuditReport): string | null {
  const how = reading(r);
  const word = READING_WORDS[how];
  // Resampled rotations cannot reach 0: their "0" is the interpolation floor (verdictWords.ts).
  if (r.group.mask && (how === 'satisfied' || how === 'inconclusive' || how === 'above-zero')) return resampledVerdict(r, how);
  switch (how) {
    // A constant output is trivially symmetric: never a pass, whatever the floor says.
    case 'not-measurable':
      return NOT_MEASURABLE;
    // Measured against a rule the outputs probably do not follow: no reading of the floor either way.
    case 'not-judged': {
      const mismatch = (r.findings ?? []).find((f) => f.kind === 'representation-mismatch')!;
      return `${word}: the representation is probably wrong (representation-mismatch), so these errors measure the wrong thing — ${mismatch.evidence.split('; ').at(-1)}`;
    }
    case 'satisfied':
      return `${word}: the floor interval reaches 0 and is narrow, so the ensemble mean becomes equivariant as it grows`;
    case 'inconclusive':
      return `${word}: the floor interval reaches 0 but is wide (up to ${pct(r.ensemble!.floorCI![1])}); more members or probes would narrow it`;
    case 'above-zero':
      return `${word}: the interval excludes 0, so the infinite ensemble would not be equivariant and more members will not fix it — check augmentation, initialisation and architecture (THEORY §1)`;
    case 'none':
      return null;
  }
}

function resampledVerdict(r: AuditReport, how: 'satisfied' | 'inconclusive' | 'above-zero'): string {
  const limit = `${RESAMPLING_MARGIN}× the interpolation floor (${pct(zeroFloor(r))})`;
  if (how === 'above-zero')
    return `${READING_WORDS[how]}: the interval lies above ${limit}, so the infinite ensemble would not be equivariant beyond resampling error and more members will not fix it — check augmentation, initialisation and architecture (THEORY §1)`;
  if (how === 'satisfied') return `${READING_WORDS[how]}: the floor interval reaches ${limit} and is narrow, so what remains is resampling error, not the model`;
  return `${READING_WORDS[how]}: the floor interval reaches ${limit} but is wide (up to ${pct(r.ensemble!.floorCI![1])}); more members or probes would narrow it`;
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
