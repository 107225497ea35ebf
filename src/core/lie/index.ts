/** The Lie derivative (THEORY "The Lie derivative", docs/lie.md): local equivariance error along a continuous generator. */
export type { LieLayer, LieReport, LieRow } from './types';
export { lieHook, LIE_PROBES, type LieHook, type LieSetup } from './lieHook';
export { checkLieSupport, generatorOf, type Generator } from './lieAction';
export { EPS32, chooseRung, lieRow, probeCurves, type Evaluations, type ProbeCurves } from './centralDifference';
