import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { isInside } from '../src/core/io/paths';
import { checkInputFits, loadModel, readModelJson } from '../src/core/load';
import { runtimeOpError } from '../src/core/load/graphOps';
import { nodeFiles } from '../src/node/nodeFiles';
import * as fx from './helpers/modelFixtures';

let dir: string;
let cleanup: () => void;
let layers: tf.io.ModelArtifacts;

before(async () => {
  await tf.setBackend('cpu');
  ({ dir, cleanup } = fx.tempDir());
  layers = await fx.cnnArtifacts();
});
after(() => cleanup());

/** Asserts an EquiLensError blaming `file` whose problem matches `problem`. */
async function rejectsWith(p: Promise<unknown>, file: string, problem: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof EquiLensError, `not an EquiLensError: ${String(e)}`);
    assert.equal(e.file, file);
    assert.match(e.problem, problem);
    assert.ok(!e.message.includes('\n'), 'message is one line');
    return true;
  });
}

/** Writes a model, then lets `edit` change its parsed JSON. */
function modelWith(name: string, edit: (json: Record<string, any>) => void, opts?: fx.WriteOptions): string {
  const path = fx.writeModel(`${dir}/${name}`, layers, opts);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('model JSON', () => {
  test('not JSON', async () => {
    const path = `${dir}/broken.json`;
    writeFileSync(path, '{"modelTopology": ');
    await rejectsWith(readModelJson(nodeFiles, path), path, /^is not valid JSON/);
    await rejectsWith(loadModel(nodeFiles, path), path, /^is not valid JSON/);
  });

  test('no modelTopology, no weightsManifest', async () => {
    await rejectsWith(
      loadModel(
        nodeFiles,
        modelWith('no-topo', (j) => delete j.modelTopology),
      ),
      `${dir}/no-topo/model.json`,
      /no modelTopology/,
    );
    await rejectsWith(
      loadModel(
        nodeFiles,
        modelWith('no-man', (j) => delete j.weightsManifest),
      ),
      `${dir}/no-man/model.json`,
      /no weightsManifest/,
    );
  });

  test('unknown format, declared or implied', async () => {
    const declared = modelWith('fmt-weird', (j) => (j.format = 'tfjs-weird'));
    await rejectsWith(loadModel(nodeFiles, declared), declared, /unknown model format 'tfjs-weird'/);
    const implied = modelWith('fmt-none', (j) => {
      delete j.format;
      j.modelTopology = { something: 1 };
    });
    await rejectsWith(loadModel(nodeFiles, implied), implied, /unknown model format: no "format" field/);
  });

  test('format is detected from the topology when the field is missing', async () => {
    const path = modelWith('fmt-detect', (j) => delete j.format);
    assert.equal((await readModelJson(nodeFiles, path)).format, 'layers-model');
  });

  test('string weights are refused', async () => {
    const path = modelWith('string', (j) => (j.weightsManifest[0].weights[0].dtype = 'string'));
    await rejectsWith(loadModel(nodeFiles, path), path, /has dtype string/);
  });

  test('unknown layer class', async () => {
    const path = modelWith('layer', (j) => (j.modelTopology.config.layers[0].class_name = 'FancyConv'));
    await rejectsWith(loadModel(nodeFiles, path), path, /^unsupported layer 'FancyConv'$/);
  });
});

describe('weight files', () => {
  test('missing shard is named', async () => {
    const path = fx.writeModel(`${dir}/missing`, layers, { shards: 3 });
    rmSync(`${dir}/missing/group1-shard2of3.bin`);
    await rejectsWith(loadModel(nodeFiles, path), path, /^weight file 'group1-shard2of3.bin' is missing \(group 1, shard 2 of 3\)$/);
  });

  test('short shard is named, in the middle or last', async () => {
    const mid = fx.writeModel(`${dir}/short-mid`, layers, { shards: 3 });
    truncateSync(`${dir}/short-mid/group1-shard2of3.bin`, 10);
    await rejectsWith(loadModel(nodeFiles, mid), mid, /^weight file 'group1-shard2of3.bin' is short \(10 bytes\)/);
    const last = fx.writeModel(`${dir}/short-last`, layers, { shards: 3 });
    truncateSync(`${dir}/short-last/group1-shard3of3.bin`, 10);
    await rejectsWith(loadModel(nodeFiles, last), last, /^weight file 'group1-shard3of3.bin' is short/);
  });

  test('extra bytes are refused too', async () => {
    const path = fx.writeModel(`${dir}/long`, layers);
    writeFileSync(`${dir}/long/group1-shard1of1.bin`, new Uint8Array(readFileSync(`${dir}/long/group1-shard1of1.bin`).byteLength + 4));
    await rejectsWith(loadModel(nodeFiles, path), path, /hold more bytes than the weights need/);
  });

  /** Loads `path` through a recording FileSystem and proves nothing outside `folder` was read. */
  async function refusedWithoutReadingOutside(path: string, folder: string, problem: RegExp): Promise<void> {
    const fs = fx.recordingFs(nodeFiles);
    await rejectsWith(loadModel(fs, path), path, problem);
    assert.ok(fs.reads.length > 0);
    for (const r of fs.reads) assert.ok(isInside(folder, r), `read outside the model's folder: ${r}`);
    assert.deepEqual(fs.reads, [path], 'no shard is read before all paths are checked');
  }

  test("'..' escapes are refused before anything is read", async () => {
    writeFileSync(`${dir}/outside.bin`, new Uint8Array(4096));
    const path = modelWith('dotdot', (j) => j.weightsManifest[0].paths.unshift('../outside.bin'));
    await refusedWithoutReadingOutside(path, `${dir}/dotdot`, /^weight path '..\/outside.bin' leaves the model's folder$/);
  });

  test('absolute paths and URLs are refused', async () => {
    writeFileSync(`${dir}/outside.bin`, new Uint8Array(4096));
    const abs = modelWith('abs', (j) => (j.weightsManifest[0].paths = [`${dir}/outside.bin`]));
    await refusedWithoutReadingOutside(abs, `${dir}/abs`, /is absolute/);
    const url = modelWith('url', (j) => (j.weightsManifest[0].paths = ['https://example.com/w.bin']));
    await refusedWithoutReadingOutside(url, `${dir}/url`, /is a URL/);
    const win = modelWith('win', (j) => (j.weightsManifest[0].paths = ['C:\\weights\\w.bin']));
    await refusedWithoutReadingOutside(win, `${dir}/win`, /is a URL or drive path/);
  });

  test('a symlink leading outside the folder is refused', async () => {
    const path = fx.writeModel(`${dir}/link`, layers);
    const shard = `${dir}/link/group1-shard1of1.bin`;
    // Same size as the real shard, so only the link's target can give it away.
    writeFileSync(`${dir}/outside-same-size.bin`, readFileSync(shard));
    rmSync(shard);
    symlinkSync(`${dir}/outside-same-size.bin`, shard);
    await refusedWithoutReadingOutside(path, `${dir}/link`, /^weight file 'group1-shard1of1.bin' links to a file outside the model's folder$/);
  });

  test('a symlink inside the folder is fine', async () => {
    const path = fx.writeModel(`${dir}/link-in`, layers, { shardPrefix: 'real' });
    symlinkSync(`${dir}/link-in/real-shard1of1.bin`, `${dir}/link-in/alias.bin`);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.weightsManifest[0].paths = ['alias.bin'];
    writeFileSync(path, JSON.stringify(json));
    (await loadModel(nodeFiles, path)).dispose();
  });
});

describe('running', () => {
  test('probes that do not fit name the file and both shapes', async () => {
    const path = fx.writeModel(`${dir}/fit`, layers);
    const model = await loadModel(nodeFiles, path);
    checkInputFits(model, [8, 8, 3]);
    assert.throws(
      () => checkInputFits(model, [16, 16, 3]),
      (e: unknown) => e instanceof EquiLensError && e.file === path && e.problem.includes('[?,8,8,3]') && e.problem.includes('[16,16,3]'),
    );
    const wrong = tf.zeros([2, 16, 16, 3]);
    await rejectsWith(model.predict(wrong), path, /expects samples of shape \[8,8,3\].*\[16,16,3\]/);
    await rejectsWith(model.predict(wrong, { output: 'nope' }), path, /^no output named 'nope' \(the model has 'dense_Dense\d+'\)$/);
    wrong.dispose();
    model.dispose();
  });

  test('unsupported graph op is found at load time', async () => {
    const cnn = fx.makeCnn();
    const path = fx.writeModel(`${dir}/op`, fx.graphArtifacts(cnn, { extraOp: 'FancyOp' }));
    cnn.dispose();
    await rejectsWith(loadModel(nodeFiles, path), path, /^unsupported op 'FancyOp' \(node 'fancy'\)$/);
  });

  test("the converter's run-time unknown-op error reads the same", async () => {
    const cnn = fx.makeCnn();
    const path = fx.writeModel(`${dir}/op-rt`, fx.graphArtifacts(cnn, { extraOp: 'FancyOp' }));
    cnn.dispose();
    const json = await readModelJson(nodeFiles, path);
    const e = runtimeOpError(new TypeError("Unknown op 'FancyOp'. File an issue at …"), json, path);
    assert.equal(e?.message, `${path}: unsupported op 'FancyOp' (node 'fancy')`);
    assert.equal(runtimeOpError(new Error('something else'), json, path), null);
  });
});
