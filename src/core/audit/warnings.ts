import type { AuditReport } from '../report/types';
import type { Orbit } from '../stats/types';

/** Soft problems a reader must know before trusting the numbers. */
export function outputWarnings(report: AuditReport, mean: Orbit): string[] {
  const w: string[] = [];
  let sq = 0;
  for (const v of mean.expected) sq += v * v;
  const rms = Math.sqrt(sq / Math.max(1, mean.expected.length));
  if (report.ensemble?.meanNearZero || rms < 1e-6) {
    w.push(
      `outputs are ≈ 0 (RMS ${rms.toExponential(2)}): relError is not meaningful, read absError` +
        (report.ensemble ? ` and floorAbs (${report.ensemble.floorAbs.toExponential(2)})` : ''),
    );
  }
  if (report.probes.source === 'synthetic') {
    w.push('probes are synthetic (noise and smooth fields): pass --probes with real inputs for numbers that reflect your data');
  }
  if (report.group.sampled) {
    w.push(`group '${report.group.name}' is sampled: ${report.group.order} of ${report.group.fullOrder} elements (seeded)`);
  }
  if (report.ensemble && report.ensemble.size < 4) {
    w.push(`only ${report.ensemble.size} members: the floor and its interval are rough; 8 or more are better`);
  }
  return w;
}
