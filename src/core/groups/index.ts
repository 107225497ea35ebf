/** Public API of the symmetry groups and output representations. */
export type { Group, GroupElement, Layout, Representation } from './types';
export { GROUP_NAMES, makeGroup } from './makeGroup';
export { gridRank, sitePermutation } from './siteGroup';
export { parseRepresentation } from './representation';
