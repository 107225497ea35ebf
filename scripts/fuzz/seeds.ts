import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cnnArtifacts, graphArtifacts, makeCnn, tempDir, writeModel } from '../../test/helpers/modelFixtures';
import type { FuzzCase } from './types';

/** The real model folders every case starts from, held in memory. */
export async function seedModels(examplesDir: string): Promise<FuzzCase[]> {
  const tmp = tempDir('equilens-fuzz-seed-');
  try {
    const example = readFolder(join(examplesDir, 'compatible-plain', 'member-01'), 'example');
    const cnn = makeCnn({ seed: 2, size: 8, channels: 1 });
    writeModel(join(tmp.dir, 'graph'), graphArtifacts(cnn));
    cnn.dispose();
    writeModel(join(tmp.dir, 'sharded'), await cnnArtifacts({ seed: 3, size: 8, channels: 1 }), { shards: 3, quantize: 'uint8' });
    return [example, readFolder(join(tmp.dir, 'graph'), 'graph'), readFolder(join(tmp.dir, 'sharded'), 'sharded-uint8')];
  } finally {
    tmp.cleanup();
  }
}

function readFolder(dir: string, name: string): FuzzCase {
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(dir)) if (f !== 'model.json') files[f] = new Uint8Array(readFileSync(join(dir, f)));
  return { seed: name, json: readFileSync(join(dir, 'model.json'), 'utf8'), files, links: {}, targetFolder: false };
}
