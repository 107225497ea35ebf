export type { LoadedModel, ModelFormat, TensorInfo } from './types';
export { readModelJson, parseModelJson, isModelJson, type ModelJson } from './modelJson';
export { modelIOHandler } from './ioHandler';
export { loadModel, type LoadOptions } from './loadModel';
export { checkInputFits } from './checkInputFits';
export { fingerprint } from './fingerprint';
export { discoverMembers, type Members } from './discoverMembers';
export { naturalCompare } from './naturalCompare';
export { DEFAULT_LIMITS, type LoadLimits } from './limits';
