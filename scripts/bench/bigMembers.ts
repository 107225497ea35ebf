// Random-weight members (~8 MB of weights each) for the streaming-memory benchmark.
import * as tfl from '@tensorflow/tfjs-layers';
import { saveArtifacts, writeModel } from '../../test/helpers/modelFixtures';

/** conv 3×3 ×2 → global pool → dense 2048 → dense 1024 → dense 10: 2.2 M parameters. */
function bigCnn(seed: number): tfl.Sequential {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 100 + s });
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }));
  m.add(tfl.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }));
  m.add(tfl.layers.globalAveragePooling2d({}));
  m.add(tfl.layers.dense({ units: 2048, activation: 'relu', kernelInitializer: init(3) }));
  m.add(tfl.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: init(4) }));
  m.add(tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(5) }));
  return m;
}

/** Writes n members to dir/member-XX/model.json. */
export async function writeBigMembers(dir: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const m = bigCnn(i + 1);
    writeModel(`${dir}/member-${String(i + 1).padStart(2, '0')}`, await saveArtifacts(m));
    m.dispose();
  }
}
