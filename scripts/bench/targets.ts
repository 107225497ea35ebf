// The model sets `npm run bench:backends` times, with their counted FLOPs per image.
import { isObject } from '../../src/core/load/modelJson';
import { discoverMembers, readModelJson } from '../../src/core/load';
import { countFlops } from '../../src/core/load/flops';
import { topologyLayers } from '../../src/core/checks/topology';
import { nodeFiles, toPosix } from '../../src/node/nodeFiles';
import { ensureMobileNet, MOBILENET_SIZE } from './makeMobileNet';
import type { Target } from './row';

/** The examples ensemble and the MobileNet fixture (generated on first use). */
export async function benchTargets(probes = { examples: 256, mobilenet: 16 }): Promise<Target[]> {
  const examples = toPosix('examples/compatible-augmented');
  const mobilenet = toPosix(await ensureMobileNet());
  return [
    { id: 'examples', label: 'examples/compatible-augmented (8 × 16×16×1 CNN)', path: examples, probes: probes.examples, flopsPerImage: await flopsPerImage(examples) },
    { id: 'mobilenet', label: `MobileNetV1 ${MOBILENET_SIZE}×${MOBILENET_SIZE}×3 (2 × 4.2 M parameters)`, path: mobilenet, probes: probes.mobilenet, flopsPerImage: await flopsPerImage(mobilenet) },
  ];
}

/** FLOPs per image of the first member, at the input size its file declares. */
async function flopsPerImage(folder: string): Promise<number | null> {
  const { members } = await discoverMembers(nodeFiles, [folder]);
  const json = await readModelJson(nodeFiles, members[0]!);
  const first = topologyLayers(json)?.[0];
  const shape = isObject(first) && isObject(first.config) ? first.config.batch_input_shape : undefined;
  return Array.isArray(shape) ? (countFlops(json, shape.slice(1) as (number | null)[])?.flops ?? null) : null;
}
