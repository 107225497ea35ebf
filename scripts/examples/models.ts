import * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, SIZE } from './dataset';

export type Architecture = 'compatible' | 'incompatible';

type LayerSpec = { conv: [number, number]; filters: number } | { pool: number };

/**
 * compatible: square, odd, centred kernels with 'same' padding and 2×2 pools that tile the even
 * 16×16 and 8×8 maps exactly, so rotating every kernel by 90° gives another admissible model.
 * incompatible: 1×5 kernels, whose rotation (5×1) the architecture cannot express.
 */
export const ARCHITECTURES: Record<Architecture, LayerSpec[]> = {
  compatible: [{ conv: [3, 3], filters: 8 }, { pool: 2 }, { conv: [3, 3], filters: 16 }, { pool: 2 }, { conv: [3, 3], filters: 16 }],
  incompatible: [
    { conv: [1, 5], filters: 8 },
    { conv: [1, 5], filters: 8 },
  ],
};

/** One line per architecture for the README, e.g. "conv 3×3×8 → avgpool 2×2 → … → dense 4 softmax". */
export function describe(arch: Architecture): string {
  const parts = ARCHITECTURES[arch].map((l) => ('pool' in l ? `avgpool ${l.pool}×${l.pool}` : `conv ${l.conv[0]}×${l.conv[1]}×${l.filters} 'same' elu`));
  return [...parts, 'global average pool', `dense ${CLASSES.length} softmax`].join(' → ');
}

/**
 * The stack above, then global average pooling and a dense softmax. Every initializer gets its own
 * explicit seed derived from the member seed, so members are i.i.d. draws of one law. ELU rather
 * than ReLU: on these all-positive images a few ReLU seeds died in the first epoch.
 */
export function buildModel(arch: Architecture, seed: number): tfl.LayersModel {
  const model = tfl.sequential({ name: `${arch}_${seed}` });
  ARCHITECTURES[arch].forEach((layer, i) => {
    const inputShape = i === 0 ? [SIZE, SIZE, 1] : undefined;
    if ('pool' in layer) {
      model.add(tfl.layers.averagePooling2d({ name: `pool${i + 1}`, inputShape, poolSize: layer.pool, strides: layer.pool }));
      return;
    }
    model.add(
      tfl.layers.conv2d({
        name: `conv${i + 1}`,
        inputShape,
        filters: layer.filters,
        kernelSize: layer.conv,
        padding: 'same',
        activation: 'elu',
        kernelInitializer: tfl.initializers.heNormal({ seed: seed * 16 + i }),
        biasInitializer: 'zeros',
      }),
    );
  });
  model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(
    tfl.layers.dense({
      name: 'probs',
      units: CLASSES.length,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 16 + 15 }),
      biasInitializer: 'zeros',
    }),
  );
  return model;
}
