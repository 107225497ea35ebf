/** Where symmetry breaks inside the model (THEORY §5): per-layer floors of the ensemble mean. */
export type { BreakingLayer, LayerAction, LayerFloor } from './types';
export { localisation, LOCALISE_MAX_LAYERS, type Localisation, type LocalisationSetup } from './auditHook';
export { Localiser, type LocaliserOptions } from './localiser';
export { LayerSums } from './layerSums';
export { breakingLayer, JUMP_FACTOR, JUMP_MIN_FLOOR } from './breakingLayer';
export { planLayers, type LayerPlan } from './plan';
