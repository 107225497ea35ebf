// The benchmark's two model folders, from one set of weights: the cached TF.js MobileNet ensemble
// (../makeMobileNet.ts) and its ONNX twin beside it, generated on first use (gitignored .cache).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureMobileNet } from '../makeMobileNet';
import { mobileNetToOnnx } from './mobileNetOnnx';

/** A saved member back as a tfjs LayersModel (weights as a sliced ArrayBuffer, never a Node Buffer). */
export async function readLayersModel(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const bytes = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }));
}

/** The TF.js ensemble folder and the ONNX one (member-0k/model.onnx from member-0k/model.json). */
export async function benchModels(): Promise<{ tfjs: string; onnx: string; members: string[] }> {
  const tfjs = await ensureMobileNet();
  const members = readdirSync(tfjs)
    .filter((m) => m.startsWith('member-'))
    .sort();
  const onnx = `${tfjs}-onnx`;
  const stamp = readFileSync(join(tfjs, 'fixture.json'), 'utf8');
  if (existsSync(join(onnx, 'fixture.json')) && readFileSync(join(onnx, 'fixture.json'), 'utf8') === stamp) return { tfjs, onnx, members };
  const tmp = `${onnx}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const m of members) {
    const model = await readLayersModel(join(tfjs, m));
    mkdirSync(join(tmp, m), { recursive: true });
    writeFileSync(join(tmp, m, 'model.onnx'), mobileNetToOnnx(model));
    model.dispose();
  }
  writeFileSync(join(tmp, 'fixture.json'), stamp);
  rmSync(onnx, { recursive: true, force: true });
  renameSync(tmp, onnx);
  return { tfjs, onnx, members };
}
