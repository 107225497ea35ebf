export type { CurvePoint, EnsembleStats, FunctionMetrics, Orbit, OrbitDims, OutputKind } from './types';
export { hasClasses, OUTPUT_KIND_CHOICES } from './types';
export { functionMetrics } from './functionMetrics';
export { meanOrbit, OrbitSum } from './orbitSum';
export { ensembleStats, type EnsembleStatsOptions } from './ensembleStats';
export { detectOutputKind, type OutputKindEvidence } from './detectOutputKind';
export { curveSizes } from './ensembleCurve';
export { isMeanNearZero, NEAR_ZERO_NOISE_FACTOR } from './errorModel';
export { median, relErrorPerElement } from './elementErrors';
