// `npm run bench:groups`: what resampling costs. An audit under so2:16 (16 sampled angles, bilinear
// resampling + disk mask) against four c4 audits (4 × 4 = 16 group elements, pure permutations) of
// the same MobileNetV1-size ensemble and probes, side by side in one run, median of 3 alternating
// rounds, per engine. Target (issue 16): so2:16 / four c4 ≤ 1.25.
//   npm run bench:groups [-- --backend=wasm|cpu|auto] [--probes=16] [--rounds=3] [--engine=auto|tfjs|both]
import * as tf from '@tensorflow/tfjs-core';
import { disposeAll, orbitInputs } from '../src/core/audit/orbitInputs';
import { runAudit } from '../src/core/audit/runAudit';
import { makeGroup } from '../src/core/groups';
import { loadProbes } from '../src/core/probes';
import type { AuditSpec } from '../src/core/audit/spec';
import type { AuditReport } from '../src/core/report/types';
import { initBackend, type BackendChoice } from '../src/node/backend';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { ensureMobileNet, MOBILENET_SIZE } from './bench/makeMobileNet';

const arg = (name: string, fallback: string) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `--${name}=${fallback}`).split('=')[1]!;
const backendArg = arg('backend', 'auto') as BackendChoice;
const probes = Number(arg('probes', '16'));
const engines = arg('engine', 'both') === 'both' ? ['auto', 'tfjs'] : [arg('engine', 'both')];
const ROUNDS = Number(arg('rounds', '3'));
const now = () => performance.now() / 1000;

interface Side {
  seconds: number;
  predict: number;
  elements: number;
  images: number;
}

async function main(): Promise<void> {
  const backend = await initBackend(backendArg);
  const dir = toPosix(await ensureMobileNet());
  console.log(`backend: ${backend.description}`);
  console.log(`model: MobileNetV1 ${MOBILENET_SIZE}×${MOBILENET_SIZE}×3, 2 members × 4.2 M parameters; ${probes} synthetic probes (seed 0)\n`);
  for (const engine of engines) {
    const host = { fs: nodeFiles, backend: backend.description, ...(engine === 'auto' ? { onnx: nodeOnnxEngine() } : {}) };
    const base = { targets: [dir], output: 'invariant', probesCount: probes, seed: 0, localise: false, engine } as Omit<AuditSpec, 'group'>;
    const one = async (group: string): Promise<AuditReport> => runAudit({ ...base, group }, host);
    const so2 = async (): Promise<Side> => {
      const t0 = now();
      const r = await one('so2:16');
      return { seconds: now() - t0, predict: r.timing.predictSeconds, elements: r.group.order, images: r.members.length * r.group.order * r.probes.count };
    };
    const c4x4 = async (): Promise<Side> => {
      const t0 = now();
      const side: Side = { seconds: 0, predict: 0, elements: 0, images: 0 };
      for (let i = 0; i < 4; i++) {
        const r = await one('c4');
        side.predict += r.timing.predictSeconds;
        side.elements += r.group.order;
        side.images += r.members.length * r.group.order * r.probes.count;
      }
      side.seconds = now() - t0;
      return side;
    };
    await one('c4'); // warm-up: wasm compilation, kernel caches, the first model read
    const rounds: { so2: Side; c4: Side }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which side goes first, so drift on a shared machine hits both.
      const a = i % 2 ? await so2() : null;
      const c4 = await c4x4();
      rounds.push({ so2: a ?? (await so2()), c4 });
    }
    const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
    const so2S = med(rounds.map((r) => r.so2.seconds));
    const c4S = med(rounds.map((r) => r.c4.seconds));
    const so2P = med(rounds.map((r) => r.so2.predict));
    const c4P = med(rounds.map((r) => r.c4.predict));
    const { elements: e2, images: i2 } = rounds[0]!.so2;
    const { elements: e4, images: i4 } = rounds[0]!.c4;
    console.log(`engine ${engine === 'auto' ? 'auto (as `equilens audit` runs: onnxruntime when it can)' : 'tfjs'}; median of ${ROUNDS} alternating rounds`);
    console.log(`   so2:16, one audit:   ${so2S.toFixed(3)} s total, ${so2P.toFixed(3)} s in predict (${e2} elements, ${i2} images)`);
    console.log(`   c4, four audits:     ${c4S.toFixed(3)} s total, ${c4P.toFixed(3)} s in predict (${e4} elements, ${i4} images)`);
    console.log(`   ratio so2:16 / 4 × c4: ${(so2S / c4S).toFixed(3)}× total (target ≤ 1.25×), ${(so2P / c4P).toFixed(3)}× predict\n`);
  }
  await transformCost();
}

/**
 * The resampling itself: ρ_in(g)x for every element, as an audit computes it once (orbitInputs),
 * so2:16 against four c4 orbits, on the same synthetic probes. Median of 5.
 */
async function transformCost(): Promise<void> {
  const sampleShape = [MOBILENET_SIZE, MOBILENET_SIZE, 3];
  const probeSet = await loadProbes(nodeFiles, { count: probes, seed: 0, sampleShape, layout: 'image' });
  const time = (group: string, times: number) => {
    const g = makeGroup(group, sampleShape, { seed: 0 });
    const t0 = now();
    for (let i = 0; i < times; i++) {
      const xs = orbitInputs(g, probeSet);
      // Reading the values back makes every backend finish the work.
      for (const x of xs) x.dataSync();
      disposeAll(xs);
    }
    return now() - t0;
  };
  time('so2:16', 1); // warm-up: tap tables are cached per angle, as in a real audit's first call
  const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
  const so2 = med(Array.from({ length: 5 }, () => time('so2:16', 1)));
  const c4 = med(Array.from({ length: 5 }, () => time('c4', 4)));
  console.log(`transforming the ${probes} probes (orbitInputs, ${tf.getBackend()}), median of 5`);
  console.log(`   so2:16 (bilinear gather + disk mask): ${so2.toFixed(3)} s · four c4 orbits (permutations): ${c4.toFixed(3)} s · difference ${(so2 - c4).toFixed(3)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
