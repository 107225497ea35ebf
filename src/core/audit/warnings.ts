import { pct } from '../report/format';
import type { AuditReport } from '../report/types';
import type { Orbit } from '../stats/types';

/** Soft problems a reader must know before trusting the numbers. */
export function outputWarnings(report: AuditReport, mean: Orbit): string[] {
  const w: string[] = [];
  let sq = 0;
  for (const v of mean.expected) sq += v * v;
  const rms = Math.sqrt(sq / Math.max(1, mean.expected.length));
  if (report.ensemble?.meanNearZero || rms < 1e-6) {
    w.push(`outputs are ≈ 0 (RMS ${rms.toExponential(2)}): relError is not meaningful, read absError` + (report.ensemble ? ` and floorAbs (${report.ensemble.floorAbs.toExponential(2)})` : ''));
  }
  if (report.probes.source === 'synthetic') {
    w.push('probes are synthetic (noise and smooth fields): pass --probes with real inputs for numbers that reflect your data');
  }
  if (report.group.mask) {
    // Said once: what a resampled action leaves out, so no silence reads as "checked and clean".
    w.push(
      `group '${report.group.name}' resamples (interpolation floor ${pct(report.group.interpolationFloor ?? null)}: relErrors near it are resampling, not the model): the architecture checks cover only its exact elements (rot180 for even n, rot90 when 4 divides n, flip-h for dih:<n>; none for so2:<m>), and no augmentation or symmetrisation code is written for it`,
    );
  }
  if (report.group.sampled && report.group.name.startsWith('so2:')) {
    // A sample of a continuous group: the statistics hold for these angles, not for SO(2) as a whole.
    w.push(`group '${report.group.name}' is ${report.group.order - 1} rotation angles drawn from --seed (and the identity): the floor, curve and interpolation floor refer to these sampled angles`);
  } else if (report.group.sampled) {
    w.push(`group '${report.group.name}' is sampled: ${report.group.order} of ${report.group.fullOrder} elements (seeded)`);
  }
  if (report.ensemble && report.ensemble.size < 4) {
    w.push(`only ${report.ensemble.size} members: the floor and its interval are rough; 8 or more are better`);
  }
  return w;
}
