/** Public API of the symmetry groups and output representations. */
export type { Group, GroupElement, Layout, PointLayout, Representation } from './types';
export { GROUP_NAMES, makeGroup } from './makeGroup';
export { gridRank, sitePermutation } from './siteGroup';
export { parseRepresentation, REPRESENTATION_FORMS, type RepresentationOptions } from './representation';
