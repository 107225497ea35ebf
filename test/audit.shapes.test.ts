// Models whose input sizes are open ([null, null, null, C]) take their size from a .npy probe file.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { EquiLensError } from '../src/core/errors';
import { encodeNpy } from '../src/core/probes';
import { nodeFiles } from '../src/node/nodeFiles';
import { saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-shapes-');
let model = '';
before(async () => {
  await tf.setBackend('cpu');
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [null, null, 1], filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tfl.layers.globalAveragePooling2d({}));
  m.add(tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }));
  model = writeModel(`${tmp.dir}/fcn`, await saveArtifacts(m));
  m.dispose();
});
after(() => tmp.cleanup());

test('a .npy probe file decides open input sizes', async () => {
  const probes = `${tmp.dir}/p.npy`;
  writeFileSync(
    probes,
    encodeNpy(
      [4, 6, 6, 1],
      Float32Array.from({ length: 144 }, (_, i) => ((i * 37) % 11) / 11),
    ),
  );
  const r = await runAudit({ targets: [model], group: 'c4', output: 'invariant', probes, probesCount: Infinity, seed: 0 }, { fs: nodeFiles, backend: 'cpu' });
  assert.deepEqual(r.probes.shape, [4, 6, 6, 1]);
  assert.ok(r.members[0]!.relError! >= 0);
});

test('synthetic probes cannot size an open input: one clear line', async () => {
  await assert.rejects(
    runAudit({ targets: [model], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, { fs: nodeFiles, backend: 'cpu' }),
    (e: unknown) => e instanceof EquiLensError && /unknown size \[\?,\?,\?,1\]: pass --input-shape .* or --probes with a \.npy file/.test(e.message),
  );
});
