import type { LieReport, LieRow } from '../lie/types';
import { median } from '../stats/elementErrors';
import { num } from './format';

/** A Lie derivative value: 3 significant figures, or "< e" when it is not resolved from its error e. */
export function lieValue(x: number | null | undefined, error?: number | null): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (error !== undefined && error !== null && x <= error) return `< ${sig(error)}`;
  return sig(x);
}

function sig(x: number): string {
  return x === 0 ? '0' : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(2) : x.toPrecision(3);
}

/** One line saying what was measured: generator, unit, step and its error terms. */
export function lieHead(lie: LieReport): string {
  const step = lie.generator === 'rotation' ? `${num(lie.step, 4)} rad (${lie.stepPixels} px at the disk's rim)` : `${lie.stepPixels} px`;
  return (
    `Lie derivative along ${lie.generator === 'rotation' ? 'the rotation generator (inputs masked to the inscribed disk)' : 'the x and y translation generators'}: ` +
    `‖L f(x)‖ / ‖f(x)‖ ${lie.unit}, median over ${lie.probes} probes; step ${step}; differencing error ≤ ${sig(lie.differencingError)}, float error ≤ ${sig(lie.floatError)}`
  );
}

/** The table: the ensemble mean first, then every member; "< e" where a value is below its error. */
export function lieRows(lie: LieReport): string[][] {
  const axes = lie.generator === 'translation';
  const row = (name: string, r: LieRow) => {
    const e = r.differencingError + r.floatError;
    return [name, lieValue(r.median, e), `${lieValue(r.q1)}–${lieValue(r.q3)}`, lieValue(r.max), ...(axes ? [lieValue(r.x, e), lieValue(r.y, e)] : []), sig(r.differencingError), sig(r.floatError)];
  };
  return [
    ['model', 'median', 'q1–q3', 'max', ...(axes ? ['x', 'y'] : []), 'differencing', 'float'],
    ...(lie.ensemble ? [row(`ensemble mean (${lie.members.length})`, lie.ensemble)] : []),
    ...lie.members.map((m) => row(m.path, m)),
  ];
}

/** Two terminal lines: the head and ensemble vs members (the full table is in --md/--html/--json). */
export function lieLines(lie: LieReport): string[] {
  const e = lie.ensemble;
  const members = lie.members.map((m) => m.median);
  const m = median(members);
  const range = members.length > 1 ? ` (members ${lieValue(Math.min(...members))} … ${lieValue(Math.max(...members))})` : '';
  const ens = e ? `ensemble mean ${lieValue(e.median, e.differencingError + e.floatError)} · ` : '';
  return [lieHead(lie), `  ${ens}member median ${lieValue(m)}${range}${lie.layersSkipped ? ` · per layer: ${lie.layersSkipped}` : ''}`];
}

/** Per-layer values on their own, for reports without the per-layer floor table (where they are a column). */
export function lieLayerRows(lie: LieReport): string[][] | null {
  if (!lie.layers?.length) return null;
  return [
    ['layer', 'ensemble mean', 'members (median)'],
    ...lie.layers.map((l) => [l.ensemble === null && l.memberMedian === null && l.note ? `${l.name} (${l.note})` : l.name, lieValue(l.ensemble, l.error), lieValue(l.memberMedian)]),
  ];
}
