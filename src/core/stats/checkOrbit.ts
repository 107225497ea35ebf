import { check } from '../errors';
import type { Orbit, OrbitDims } from './types';

/** Throws when an orbit's arrays do not have B·m·D entries or a dimension is not a positive integer. */
export function checkOrbit(o: Orbit): void {
  const { B, m, D } = o.dims;
  for (const [name, v] of [
    ['B', B],
    ['m', m],
    ['D', D],
  ] as const) {
    check(Number.isInteger(v) && v >= 1, undefined, `orbit dimension ${name} must be a positive integer, got ${v}`);
  }
  const size = B * m * D;
  check(o.moved.length === size, undefined, `orbit 'moved' has ${o.moved.length} values, expected B·m·D = ${size}`);
  check(o.expected.length === size, undefined, `orbit 'expected' has ${o.expected.length} values, expected B·m·D = ${size}`);
}

/** Throws unless `o` has exactly the dimensions `dims` (all members of an ensemble must agree). */
export function checkSameDims(o: Orbit, dims: OrbitDims, what: string): void {
  checkOrbit(o);
  const a = o.dims;
  check(a.B === dims.B && a.m === dims.m && a.D === dims.D, undefined, `${what} has orbit dims B=${a.B} m=${a.m} D=${a.D}, expected B=${dims.B} m=${dims.m} D=${dims.D}`);
}
