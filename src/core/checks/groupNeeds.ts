/** What a group's spatial action asks of a layer (derived from the group's name alone). */
export interface GroupNeeds {
  name: string;
  /** Reflection of rows (up-down) is in the group: the H axis must be sampled symmetrically. */
  rows: boolean;
  /** Reflection of columns (left-right) is in the group: the W axis must be sampled symmetrically. */
  cols: boolean;
  /** A 90° rotation is in the group: both axes must be treated alike (square, isotropic). */
  square: boolean;
  /** Cyclic translations of images: strides must divide the map. */
  translate: boolean;
  /** Reversal of sequences: the sequence axis must be sampled symmetrically. */
  reverse: boolean;
  /** Cyclic shifts of sequences: strides must divide the length. */
  shift: boolean;
  /** The element named in evidence when a reflection of `axis` fails. */
  breaker(axis: 'rows' | 'cols'): string;
}

/** The spatial requirements of group `name`; set groups (permute) need nothing spatial. */
export function groupNeeds(name: string): GroupNeeds {
  // rot:<n> / dih:<n> hold rot180 when n is even, rot90 when 4 | n, flip-h for dih: the checks of
  // those exact elements apply (so2:<m> samples angles at random: none is known to be exact).
  const rotation = /^(rot|dih):(\d+)$/.exec(name);
  const n = rotation ? Number(rotation[2]) : 0;
  const half = n > 0 && n % 2 === 0;
  const rows = name === 'flip-v' || name === 'c2' || name === 'c4' || name === 'd4' || half;
  const cols = name === 'flip-h' || name === 'c2' || name === 'c4' || name === 'd4' || half || rotation?.[1] === 'dih';
  const square = name === 'c4' || name === 'd4' || (n > 0 && n % 4 === 0);
  const breaker = (axis: 'rows' | 'cols'): string => {
    if (name === 'c2' || (half && !square)) return 'rot180';
    if (square) return 'rot90';
    return axis === 'rows' ? 'flip-v' : 'flip-h';
  };
  return { name, rows, cols, square, translate: name === 'translate', reverse: name === 'reverse', shift: name === 'shift', breaker };
}

/** What the group asks of one spatial axis of a map. */
export interface AxisNeed {
  axis: 0 | 1;
  /** Plural noun for positions along the axis, for evidence ('rows', 'steps'). */
  label: string;
  /** The group reflects this axis: its sampling must be symmetric. */
  reflect: boolean;
  /** The group shifts this axis cyclically: strides must divide it. */
  translate: boolean;
  /** The element named when a reflection of this axis fails. */
  breaker: string;
}

/** The axes of a rank-`rank` map the group acts on (image groups on 2-D maps, sequence groups on 1-D). */
export function axisNeeds(needs: GroupNeeds, rank: 1 | 2): AxisNeed[] {
  if (rank === 1) return [{ axis: 0, label: 'steps', reflect: needs.reverse, translate: needs.shift, breaker: 'reverse' }];
  return [
    { axis: 0, label: 'rows', reflect: needs.rows, translate: needs.translate, breaker: needs.breaker('rows') },
    { axis: 1, label: 'columns', reflect: needs.cols, translate: needs.translate, breaker: needs.breaker('cols') },
  ];
}
