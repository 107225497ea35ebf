/** The fields spelled out: 'yxs' → 'y, x, score'. */
export function fieldNames(fields: string): string {
  return [...fields].map((f) => (f === 's' ? 'score' : f)).join(', ');
}

/** A point permutation in words: 'swaps 1↔2, 3↔4', 'maps 0→1→2→3→0', 'keeps every point'. */
export function describePerm(pi: readonly number[]): string {
  const seen = new Set<number>();
  const swaps: string[] = [];
  const cycles: string[] = [];
  for (let k = 0; k < pi.length; k++) {
    if (seen.has(k) || pi[k] === k) continue;
    const cycle: number[] = [];
    for (let c = k; !seen.has(c); c = pi[c]!) {
      seen.add(c);
      cycle.push(c);
    }
    if (cycle.length === 2) swaps.push(`${cycle[0]}↔${cycle[1]}`);
    else cycles.push([...cycle, cycle[0]].join('→'));
  }
  if (!swaps.length && !cycles.length) return 'keeps every point';
  return [swaps.length ? `swaps ${swaps.join(', ')}` : '', cycles.length ? `maps ${cycles.join(', ')}` : ''].filter(Boolean).join(', ');
}

/**
 * Why an output of per-probe dims `dims` (D values) cannot be read as groups of len(fields)
 * values, or null when it can: D must be a whole number of groups, and the last axis longer
 * than 1 must hold whole groups (else groups would straddle rows: points mixed with other values).
 */
export function pointsOutputProblem(fields: string, dims: readonly number[], D: number): string | null {
  const n = fields.length;
  const what = `groups of ${n} values (${fieldNames(fields)})`;
  if (D % n !== 0) {
    return `points:${fields} reads each output as ${what}, but it holds ${D} values per probe, not a whole number of groups: it mixes points with other values (a box, a score), or the fields are wrong`;
  }
  const last = [...dims].reverse().find((d) => d !== 1);
  if (last !== undefined && last % n !== 0) {
    return `points:${fields} reads each output as ${what}, but its last axis has ${last} values: the groups would straddle rows (points mixed with other values?)`;
  }
  return null;
}
