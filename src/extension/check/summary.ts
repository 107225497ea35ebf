import { THRESHOLD_METRIC } from '../../core/ci/thresholds';
import type { CheckResult } from '../../core/ci/types';
import type { UnitResult } from './types';

/** How one unit came out: a threshold failed, all checked ones held, none applied, or it did not run. */
export type UnitVerdict = 'fail' | 'pass' | 'unchecked' | 'error';

/** The verdict of one unit's result (the checks come from the core; nothing is judged here). */
export function unitVerdict(r: UnitResult): UnitVerdict {
  if (!('outcome' in r)) return 'error';
  const checks = r.outcome.checks;
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return checks.some((c) => c.status === 'pass') ? 'pass' : 'unchecked';
}

/** '3 audits: 2 pass, 1 fails — plain: maxFloor (87.4 % > 5 %)', plus what did not run and a cancel. */
export function checkSummary(results: readonly UnitResult[], o: { planned: number; cancelled: boolean }): string {
  const by = (v: UnitVerdict) => results.filter((r) => unitVerdict(r) === v);
  const [pass, fail, unchecked, error] = [by('pass'), by('fail'), by('unchecked'), by('error')];
  const parts: string[] = [];
  if (pass.length) parts.push(`${pass.length} pass`);
  if (fail.length) parts.push(`${fail.length} fail${fail.length === 1 ? 's' : ''}`);
  // Their scores are in the tree; the names say which ensembles changed (Check Changed Models without a config).
  if (unchecked.length) parts.push(`${unchecked.length} without thresholds (${names(unchecked)})`);
  if (error.length) parts.push(`${error.length} could not run`);
  let line = `${o.planned} audit${o.planned === 1 ? '' : 's'}: ${parts.join(', ') || 'none ran'}`;
  if (fail.length) line += ` — ${fail.map((r) => `${r.unit.name}: ${failedChecks(r).map(shortCheck).join(', ')}`).join('; ')}`;
  if (o.cancelled) line += ` (cancelled after ${results.length} of ${o.planned})`;
  return line;
}

/** 'maxFloor (87.4 % > 5 %)': a failed check in a few characters, the message keeping the full numbers. */
export function shortCheck(c: Pick<CheckResult, 'threshold' | 'status' | 'value' | 'limit'>): string {
  const { metric, bound } = THRESHOLD_METRIC[c.threshold];
  const show = (x: number | null) => (x === null ? '–' : metric === 'div' ? String(Number(x.toPrecision(3))) : percent(x));
  const sign = c.status === 'fail' ? (bound === 'max' ? '>' : '<') : bound === 'max' ? '≤' : '≥';
  return `${c.threshold} (${show(c.value)} ${sign} ${show(c.limit)})`;
}

function failedChecks(r: UnitResult): CheckResult[] {
  return 'outcome' in r ? r.outcome.checks.filter((c) => c.status === 'fail') : [];
}

// 0.874 → '87.4 %', 0.05 → '5 %'; below 1 % two significant digits, so 0.04 % is not shown as 0 %.
function percent(x: number): string {
  const v = x * 100;
  return `${Number(Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2))} %`;
}

// At most three names: a notification shows one line.
function names(results: readonly UnitResult[]): string {
  const shown = results.slice(0, 3).map((r) => r.unit.name);
  return results.length > 3 ? `${shown.join(', ')}, …` : shown.join(', ');
}
