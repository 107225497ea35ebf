// Members built by hand for THEORY §4's estimator checks: random CNNs and their orbits ρ̄(g)θ.
import * as tfl from '@tensorflow/tfjs-layers';
import { rotateWeights } from '../../src/core/advice/rotateWeights';
import type { Group } from '../../src/core/groups/types';
import { saveArtifacts, writeModel } from './modelFixtures';

/** conv 3×3 'same' → relu → flatten → dense softmax: compatible with C4/D4 (Flatten is a permutation). */
export function flattenCnn(seed: number, size = 8, classes = 3): tfl.Sequential {
  const init = (s: number) => tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: seed * 100 + s });
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape: [size, size, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1), biasInitializer: init(2) }));
  model.add(tfl.layers.flatten({}));
  model.add(tfl.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(3), biasInitializer: init(4) }));
  return model;
}

/**
 * ρ̄(g)θ for flattenCnn (THEORY §1), through the shipped rotateWeights: conv kernels move like
 * the input, the dense kernel's rows the way Flatten permutes the moved feature map. `_size` is
 * read from the model now; kept so existing callers need no change.
 */
export function transformWeights(model: tfl.LayersModel, group: Group, g: number, _size?: number): void {
  rotateWeights(model, group, g);
}

/** Writes models to dir/member-XX/model.json; returns the folder. */
export async function writeMembers(dir: string, models: tfl.LayersModel[]): Promise<string> {
  for (let i = 0; i < models.length; i++) {
    writeModel(`${dir}/member-${String(i + 1).padStart(2, '0')}`, await saveArtifacts(models[i]!));
  }
  return dir;
}
