// A MobileNetV1-style ensemble with random weights, for benchmarks: generated once into a
// gitignored cache and reused (run this file directly to rebuild it). Random weights are enough:
// speed does not depend on the values, and no trained MobileNet is downloaded.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../../src/node/backend';
import { saveModel } from '../examples/save';

/** Input side the benchmark uses: 128 keeps plain-JS and software-GPU runs in minutes. */
export const MOBILENET_SIZE = 128;
const SEEDS = [1, 2];
/** Gitignored; EQUILENS_BENCH_CACHE moves it (a fresh folder reproduces a fresh clone). */
const CACHE = process.env.EQUILENS_BENCH_CACHE ?? join(__dirname, '..', '..', '.cache', 'bench');

/** (pointwise filters, depthwise stride) of the 13 depthwise-separable blocks, as in the paper. */
export const MOBILENET_BLOCKS: [number, number][] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

/**
 * MobileNetV1 (alpha 1): conv 3×3/2 → 13 × (depthwise 3×3 → BN → ReLU6 → pointwise 1×1 → BN →
 * ReLU6) → global average pool → dense 1000 softmax; 4.2 M parameters at any input size.
 */
export function mobileNet(size: number, seed: number): tfl.Sequential {
  let n = 0;
  // He-normal keeps activations in range through 27 layers, so outputs stay finite.
  const he = () => tfl.initializers.varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed: seed * 1000 + ++n });
  const m = tfl.sequential({ name: 'mobilenet_v1' });
  const bnRelu = (name: string) => {
    m.add(tfl.layers.batchNormalization({ name: `${name}_bn` }));
    m.add(tfl.layers.reLU({ maxValue: 6, name: `${name}_relu` }));
  };
  m.add(tfl.layers.conv2d({ inputShape: [size, size, 3], filters: 32, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: he(), name: 'conv1' }));
  bnRelu('conv1');
  MOBILENET_BLOCKS.forEach(([filters, strides], i) => {
    m.add(tfl.layers.depthwiseConv2d({ kernelSize: 3, strides, padding: 'same', useBias: false, depthwiseInitializer: he(), name: `conv_dw_${i + 1}` }));
    bnRelu(`conv_dw_${i + 1}`);
    m.add(tfl.layers.conv2d({ filters, kernelSize: 1, padding: 'same', useBias: false, kernelInitializer: he(), name: `conv_pw_${i + 1}` }));
    bnRelu(`conv_pw_${i + 1}`);
  });
  m.add(tfl.layers.globalAveragePooling2d({ name: 'global_pool' }));
  m.add(tfl.layers.dense({ units: 1000, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 1000 + ++n }), name: 'predictions' }));
  return m;
}

/** The cached ensemble folder (member-01, member-02), generated on first use. */
export async function ensureMobileNet(size = MOBILENET_SIZE, force = false): Promise<string> {
  const dir = join(CACHE, `mobilenet-${size}`);
  const stamp = JSON.stringify({ version: 1, size, seeds: SEEDS });
  if (!force && existsSync(join(dir, 'fixture.json')) && readFileSync(join(dir, 'fixture.json'), 'utf8') === stamp) return dir;
  // A fresh clone has no cache, and building needs an initialised backend: importing the wasm
  // backend registers it as the highest-priority one, which tfjs then refuses to use uninitialised.
  if (!tf.engine().backendName) await initBackend('wasm').catch(() => initBackend('cpu'));
  // Built beside the cache and renamed in, so an interrupted run never leaves half a fixture.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [i, seed] of SEEDS.entries()) {
    const model = mobileNet(size, seed);
    try {
      await saveModel(model, join(tmp, `member-${String(i + 1).padStart(2, '0')}`));
    } finally {
      model.dispose();
    }
  }
  writeFileSync(join(tmp, 'fixture.json'), stamp);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  renameSync(tmp, dir);
  return dir;
}

if (require.main === module) {
  void ensureMobileNet(MOBILENET_SIZE, true).then((dir) => console.log(dir));
}
