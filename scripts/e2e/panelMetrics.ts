// The report panel's numbers, read from its data-metric attributes, and how they are compared
// with the CLI's JSON report (same JSON paths).
import assert from 'node:assert/strict';
import { median } from '../../src/core/stats/elementErrors';
import type { Session } from './harness';
import { until } from './workbench';

/** The numbers every ensemble report panel must show, as report JSON paths. */
export const REQUIRED_METRICS = ['ensemble.relError', 'ensemble.floor', 'ensemble.floorCI.0', 'ensemble.floorCI.1', 'ensemble.membersNeeded.0.01'];

/** Waits for the finished report (every required metric; fails on a failed audit) and reads every data-metric. */
export async function reportMetrics(s: Session, timeout: number, required = REQUIRED_METRICS): Promise<Record<string, number | null>> {
  const outcome = await until(
    async () => {
      if (await s.countInWebviews('.status.failed')) return 'failed';
      for (const m of required) if (!(await s.countInWebviews(`[data-metric="${m}"]`))) return null;
      return 'done';
    },
    `a report showing ${required.join(', ')}`,
    timeout,
  );
  if (outcome === 'failed') assert.fail(`the panel says: ${await (await s.findInWebview('.status.failed')).innerText()}`);
  const pairs = await s.attributesInWebviews('[data-metric]', ['data-metric', 'data-value']);
  const metrics: Record<string, number | null> = {};
  for (const { 'data-metric': metric, 'data-value': value } of pairs) {
    if (metric === null || metric === undefined) continue;
    const v = value === null || value === undefined || value === '' || value === 'null' ? null : Number(value);
    assert.ok(v === null || !Number.isNaN(v), `data-metric="${metric}" has data-value="${value}", not a number`);
    if (metric in metrics) assert.equal(v, metrics[metric], `${metric} shown twice with different values`);
    metrics[metric] = v;
  }
  return metrics;
}

/** A report JSON path: dot-separated, keys may hold dots themselves ("membersNeeded.0.01"). */
export function lookup(value: unknown, metric: string): unknown {
  const parts = metric.split('.');
  const walk = (v: unknown, i: number): unknown => {
    if (i === parts.length) return v;
    if (v === null || typeof v !== 'object') return undefined;
    for (let j = parts.length; j > i; j--) {
      const key = parts.slice(i, j).join('.');
      if (key in v) {
        const found = walk((v as Record<string, unknown>)[key], j);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return walk(value, 0);
}

/** 'members.median.relError' and its min/max: the panel's summary over members (core's median). */
export function memberAggregate(report: unknown, metric: string): number | null | undefined {
  const m = /^members\.(min|max|median)\.(\w+)$/.exec(metric);
  if (!m) return undefined;
  const members = (report as { members: Record<string, unknown>[] }).members;
  const xs = members.map((r) => r[m[2]!]).filter((x): x is number => typeof x === 'number');
  if (!xs.length) return null;
  return m[1] === 'min' ? Math.min(...xs) : m[1] === 'max' ? Math.max(...xs) : median(xs);
}

/** Same engine, same backend: equal to 1e-9 relative (another backend: `rel`, with `abs` for values at float noise). */
export function assertClose(actual: number | null, expected: number | null, metric: string, rel = 1e-9, abs = 0): void {
  if (actual === null || expected === null) {
    assert.equal(actual, expected, metric);
    return;
  }
  const tol = Math.max(rel * Math.max(Math.abs(expected), 1e-300), abs);
  assert.ok(Math.abs(actual - expected) <= tol, `${metric}: panel ${actual}, CLI ${expected}`);
}

/** Every number the panel shows (timings aside) equals the CLI report's at the same JSON path, to 1e-9. */
export function assertPanelEqualsCli(panel: Record<string, number | null>, report: unknown, required = REQUIRED_METRICS): void {
  for (const m of required) assert.ok(m in panel, `the panel shows no data-metric="${m}"; it shows ${JSON.stringify(Object.keys(panel))}`);
  for (const [metric, shown] of Object.entries(panel)) {
    if (metric.startsWith('timing.')) continue;
    const expected = lookup(report, metric) ?? memberAggregate(report, metric);
    assert.ok(expected === null || typeof expected === 'number', `${metric} is not a number in the CLI's report: ${JSON.stringify(expected)}`);
    assertClose(shown, expected, metric);
  }
}
