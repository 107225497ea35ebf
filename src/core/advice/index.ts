// Advice: what to change so the theorem's conditions hold, from a finished report. Pure: the
// tfjs weight transform (rotateWeights.ts) is imported on its own so this stays tfjs-free.
export { adviseFixes } from './adviseFixes';
export { MAX_TITLE } from './titles';
export { augmentationSnippets, staticFixes } from './staticFixes';
export type { Fix, FixCondition, Snippets } from './types';
