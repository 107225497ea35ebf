// One table row per audit: what was audited and what EquiLens said, or why it did not run.
import { notMeasurable } from '../../src/core/report/measurable';
import type { AuditReport } from '../../src/core/report/types';
import { DEFAULT_GROUP } from './args';
import type { RealAudit } from './models';
import type { ChildResult } from './runChild';

/**
 * ok: a verdict; refused: the expected one-line refusal; skip: not run, with the reason;
 * FAIL: a crash, a time-out, an unexpected refusal, a missing flag or a verdict on the wrong output.
 */
export type Status = 'ok' | 'refused' | 'skip' | 'FAIL';

export interface Row {
  id: string;
  status: Status;
  /** 'int32 NHWC 192×192×3' (per sample; dtype and layout from the report, '?' where it has none). */
  input: string;
  /** Audited output as the report names it, with its shape. */
  output: string;
  kind: string;
  rep: string;
  group: string;
  /** The verdict (metrics and notable findings), the refusal line, the skip reason or the failure. */
  result: string;
  seconds: number | null;
  peakRssMiB: number | null;
}

/** Findings that change what the numbers mean; others are counted. */
const NOTABLE = ['degenerate-output', 'representation-mismatch', 'duplicate-members', 'non-finite-weights'];

/** The row of an audit that was not run. */
export function skippedRow(a: RealAudit, reason: string, status: Status = 'skip'): Row {
  // A skipped audit has no representation or group: nothing was judged.
  const judged = status === 'skip' ? { rep: '', group: '' } : {};
  return { ...described(a), ...judged, status, input: '', output: a.outputName ?? '', kind: '', result: reason, seconds: null, peakRssMiB: null };
}

/** The row of an audit that ran; `modelPath` is dropped from the front of a refusal (the cache's path says nothing). */
export function ranRow(a: RealAudit, r: ChildResult, timeoutS: number, modelPath?: string): Row {
  const base = { ...described(a), seconds: r.seconds, peakRssMiB: r.peakRssMiB };
  const blank = { input: '', output: a.outputName ?? '', kind: '' };
  if (r.timedOut) return { ...base, ...blank, status: 'FAIL', result: `timed out after ${timeoutS} s` };
  if (r.exitCode === 2) {
    let line = r.lastError.replace(/^equilens: /, '');
    if (modelPath && line.startsWith(`${modelPath}: `)) line = line.slice(modelPath.length + 2);
    if (a.expectRefusal && a.refusalSays && !line.includes(a.refusalSays)) return { ...base, ...blank, status: 'FAIL', result: `refused for another reason: ${line}` };
    return { ...base, ...blank, status: a.expectRefusal ? 'refused' : 'FAIL', result: a.expectRefusal ? line : `refused: ${line}` };
  }
  if (r.exitCode !== 0 || !r.report) {
    return { ...base, ...blank, status: 'FAIL', result: `exit ${r.exitCode}: ${r.lastError || '(no message)'}` };
  }
  const rep = r.report;
  const row: Row = { ...base, status: 'ok', ...audited(rep), result: verdict(rep) };
  const wrong = wrongTarget(a, rep);
  if (a.expectRefusal) return { ...row, status: 'FAIL', result: `expected a refusal, got: ${row.result}` };
  if (a.expectFinding && !rep.findings.some((f) => (f.kind as string) === a.expectFinding)) {
    return { ...row, status: 'FAIL', result: `expected finding ${a.expectFinding}, got: ${row.result}` };
  }
  if (wrong) return { ...row, status: 'FAIL', result: `${wrong}; ${row.result}` };
  return row;
}

function described(a: RealAudit): Pick<Row, 'id' | 'rep' | 'group'> {
  return { id: a.id, rep: a.repLabel ?? a.output ?? 'invariant', group: a.group ?? DEFAULT_GROUP };
}

/** Input, output and kind as the report states them (fields from issue 12 read loosely: older builds lack them). */
function audited(rep: AuditReport): Pick<Row, 'input' | 'output' | 'kind'> {
  const input = rep.model.input as { shape: (number | null)[]; dtype?: string; layout?: string };
  const shape = (s: (number | null)[]) => s.map((d) => d ?? '?').join('×');
  return {
    // The probes' shape without their count: the size actually fed, dynamic dimensions resolved.
    input: `${input.dtype ?? '?'} ${input.layout ?? '?'} ${shape(rep.probes.shape.length ? rep.probes.shape.slice(1) : input.shape.slice(1))}`,
    output: `${rep.model.output.name} ${rep.model.output.shape.length ? `[${shape(rep.model.output.shape)}]` : '(shape unknown)'}`,
    kind: rep.outputKind,
  };
}

/** 'relError 3.1% · agreement 88% · 1.4 px' plus notable findings and a count of the others. */
export function verdict(rep: AuditReport): string {
  const m = (rep.ensemble ?? rep.members[0]) as AuditReport['members'][number] & { pointErrorPx?: number | null };
  // A constant output is trivially symmetric: its small error must not read as a pass.
  const parts = notMeasurable(rep) ? ['NOT MEASURABLE', `relError ${pct(m.relError)}`] : [`relError ${pct(m.relError)}`];
  if (m.agreement !== null && m.agreement !== undefined) parts.push(`agreement ${pct(m.agreement)}`);
  if (typeof m.pointErrorPx === 'number') parts.push(`${m.pointErrorPx.toPrecision(3)} px`);
  // An output that barely moves with the input: relError must be read against that (C's warning).
  const low = (rep.warnings ?? []).map((w) => /varies little with the input \(([^)]*?) of its RMS/.exec(w)).find(Boolean);
  if (low) parts.push(`output varies only ${low[1]}`);
  const kinds = rep.findings.map((f) => f.kind as string);
  for (const k of NOTABLE) if (kinds.includes(k)) parts.push(k);
  const others = kinds.filter((k) => !NOTABLE.includes(k)).length;
  if (others) parts.push(`${others} static finding${others > 1 ? 's' : ''}`);
  return parts.join(' · ');
}

/** Why a verdict is on the wrong thing: another output than asked, or not the asked representation. */
function wrongTarget(a: RealAudit, rep: AuditReport): string | null {
  const bare = (n: string) => n.replace(/:0$/, '');
  if (a.outputName && bare(rep.model.output.name) !== bare(a.outputName)) {
    return `WRONG OUTPUT: audited ${rep.model.output.name}, asked for ${a.outputName}`;
  }
  const want = (a.output ?? 'invariant').split(/[:;]/)[0]!;
  if ((rep.representation.kind as string) !== want) return `WRONG REPRESENTATION: ${rep.representation.kind}, asked for ${want}`;
  return null;
}

function pct(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return String(x);
  const p = 100 * x;
  return `${p >= 10 ? p.toFixed(1) : p.toPrecision(2)}%`;
}
