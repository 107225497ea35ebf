/** What a group's spatial action asks of a layer (derived from the group's name alone). */
export interface GroupNeeds {
  name: string;
  /** Reflection of rows (up-down) is in the group: the H axis must be sampled symmetrically. */
  rows: boolean;
  /** Reflection of columns (left-right) is in the group: the W axis must be sampled symmetrically. */
  cols: boolean;
  /** A 90° rotation is in the group: both axes must be treated alike (square, isotropic). */
  square: boolean;
  /** Cyclic translations: strides must divide the map. */
  translate: boolean;
  /** The element named in evidence when a reflection of `axis` fails. */
  breaker(axis: 'rows' | 'cols'): string;
}

/** The spatial requirements of group `name`; non-image groups need nothing spatial. */
export function groupNeeds(name: string): GroupNeeds {
  const rows = name === 'flip-v' || name === 'c2' || name === 'c4' || name === 'd4';
  const cols = name === 'flip-h' || name === 'c2' || name === 'c4' || name === 'd4';
  const square = name === 'c4' || name === 'd4';
  const breaker = (axis: 'rows' | 'cols'): string => {
    if (name === 'c2') return 'rot180';
    if (square) return 'rot90';
    return axis === 'rows' ? 'flip-v' : 'flip-h';
  };
  return { name, rows, cols, square, translate: name === 'translate', breaker };
}
