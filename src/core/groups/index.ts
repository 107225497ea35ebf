/** Public API of the symmetry groups and output representations. */
export type { ContinuousAction, Group, GroupElement, Layout, PointLayout, Representation } from './types';
export { GROUP_FORMS, GROUP_NAMES, isGroupName, makeGroup } from './makeGroup';
export { gridRank, sitePermutation } from './siteGroup';
export { parseRepresentation, REPRESENTATION_FORMS, type RepresentationOptions } from './representation';
