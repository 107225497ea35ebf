import { EquiLensError } from '../errors';
import { findByName } from './tensorNames';
import type { LoadedModel } from './types';

/**
 * Throws when probes of per-sample shape `sampleShape` (no batch dimension) cannot be fed to
 * the model's input (default: the first). Unknown model sizes accept anything; the batch size
 * never matters because predict() chunks.
 */
export function checkInputFits(model: LoadedModel, sampleShape: readonly number[], inputName?: string): void {
  const input = inputName === undefined ? model.inputs[0] : findByName(model.inputs, inputName);
  if (!input) throw new EquiLensError(model.path, `no input named '${inputName ?? ''}'`);
  // An empty shape means the file does not record the input's shape: nothing to check.
  if (input.shape.length === 0) return;
  const want = input.shape.slice(1);
  const fits = want.length === sampleShape.length && want.every((d, i) => d === null || d === sampleShape[i]);
  if (!fits) {
    throw new EquiLensError(model.path, `input '${input.name}' expects samples of shape ${fmt(want)} (model input ${fmt(input.shape)}) ` + `but the probes are ${fmt(sampleShape)}`);
  }
}

function fmt(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}
