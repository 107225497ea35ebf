// Where the report webview gets onnxruntime-web (src/extension/onnxWeb.ts) and when an audit with
// ONNX members may run there (choosePlace): only with onnxruntime-web found, else in the extension
// host with one line saying how to install it.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { choosePlace, needsAdapter, type PlaceFacts } from '../../src/extension/computePlace';
import { findOnnxWeb, hasOnnxMember } from '../../src/extension/onnxWeb';
import { toPosix } from '../../src/node/nodeFiles';
import { ONNX_WEB_MISSING, ONNX_WEB_VERSION, ORT_FILES } from '../../src/webview/compute/ortFiles';
import { tempDir } from '../helpers/modelFixtures';

const tmp = tempDir('equilens-onnx-web-');
const dir = toPosix(tmp.dir);
after(() => tmp.cleanup());

/** A folder whose node_modules holds onnxruntime-web `version` with `files` in dist/. */
function install(base: string, version = ONNX_WEB_VERSION, files: readonly string[] = ORT_FILES): string {
  const pkg = `${base}/node_modules/onnxruntime-web`;
  mkdirSync(`${pkg}/dist`, { recursive: true });
  writeFileSync(`${pkg}/package.json`, JSON.stringify({ name: 'onnxruntime-web', version }));
  for (const f of files) writeFileSync(`${pkg}/dist/${f}`, '');
  return `${pkg}/dist`;
}

describe('findOnnxWeb: the folder the webview may load onnxruntime-web from', () => {
  test("EquiLens's own node_modules first, then equilens.onnxRuntimePath's", () => {
    const own = `${dir}/own`;
    const user = `${dir}/user`;
    mkdirSync(own, { recursive: true });
    const userDist = install(user);
    assert.equal(findOnnxWeb(own), null, 'not installed: null');
    assert.equal(findOnnxWeb(own, [user]), userDist);
    const ownDist = install(own);
    assert.equal(findOnnxWeb(own, [user]), ownDist, 'our own install wins');
  });

  test('another version, a missing file, a malformed package.json or a link out of the folder: not used', () => {
    assert.equal(findOnnxWeb(`${dir}/v`, [install(`${dir}/old`, '1.22.0') && `${dir}/old`]), null);
    install(`${dir}/partial`, ONNX_WEB_VERSION, ORT_FILES.slice(1));
    assert.equal(findOnnxWeb(`${dir}/partial`), null, `${ORT_FILES[0]} missing`);
    mkdirSync(`${dir}/bad/node_modules/onnxruntime-web`, { recursive: true });
    writeFileSync(`${dir}/bad/node_modules/onnxruntime-web/package.json`, '{"version": ');
    assert.equal(findOnnxWeb(`${dir}/bad`), null);
    const elsewhere = install(`${dir}/elsewhere`);
    mkdirSync(`${dir}/linked/node_modules`, { recursive: true });
    symlinkSync(`${dir}/elsewhere/node_modules/onnxruntime-web`, `${dir}/linked/node_modules/onnxruntime-web`);
    assert.equal(findOnnxWeb(`${dir}/linked`), null, 'the webview would read outside the folder named');
    assert.ok(elsewhere.endsWith('/dist'));
  });

  test('hasOnnxMember: .onnx targets, and .onnx files in target folders or their direct subfolders', () => {
    mkdirSync(`${dir}/members/seed-1`, { recursive: true });
    mkdirSync(`${dir}/members/.hidden`, { recursive: true });
    mkdirSync(`${dir}/tfjs/deep/deeper`, { recursive: true });
    writeFileSync(`${dir}/members/.hidden/x.onnx`, '');
    writeFileSync(`${dir}/tfjs/deep/deeper/x.onnx`, '');
    writeFileSync(`${dir}/tfjs/model.json`, '{}');
    assert.equal(hasOnnxMember([`${dir}/members`]), false, 'hidden folders are skipped');
    writeFileSync(`${dir}/members/seed-1/model.ONNX`, '');
    assert.equal(hasOnnxMember([`${dir}/members`]), true);
    assert.equal(hasOnnxMember([`${dir}/tfjs`]), false, 'two levels down is not a member');
    assert.equal(hasOnnxMember([`${dir}/tfjs/model.json`, `${dir}/any.onnx`]), true);
  });
});

describe('choosePlace with ONNX members', () => {
  const webgpu = { api: 'webgpu', name: 'nvidia ampere', software: false } as const;
  const webgl = { api: 'webgl', name: 'ANGLE (NVIDIA GeForce RTX 3080)', software: false } as const;
  const local: PlaceFacts = { setting: 'auto', remote: false, nativeGpu: false, reachable: true, onnx: true, onnxWeb: true };

  test('without onnxruntime-web: the extension host, whatever the setting, with how to install it', () => {
    for (const setting of ['auto', 'webview'] as const) {
      const p = choosePlace({ ...local, setting, onnxWeb: false, adapter: webgpu });
      assert.deepEqual(p, { place: 'extensionHost', reason: ONNX_WEB_MISSING });
    }
    assert.match(ONNX_WEB_MISSING, /^ONNX models run in the extension host: .*npm install onnxruntime-web@1\.31\.1 .*equilens\.onnxRuntimePath/);
    assert.ok(!ONNX_WEB_MISSING.includes('\n'));
    assert.equal(needsAdapter({ ...local, onnxWeb: false }), false, 'no GPU question when the answer cannot matter');
  });

  test('with it: `auto` takes a hardware WebGPU adapter (tfjs-node-gpu does not count), not WebGL or software', () => {
    assert.equal(needsAdapter({ ...local, nativeGpu: true }), true);
    assert.deepEqual(choosePlace({ ...local, nativeGpu: true, adapter: webgpu }), { place: 'webview', reason: 'hardware GPU in the webview: nvidia ampere (webgpu)' });
    assert.match(choosePlace({ ...local, adapter: webgl }).reason, /^ONNX models need WebGPU in the webview; it offers only webgl/);
    assert.equal(choosePlace({ ...local, adapter: { ...webgpu, software: true } }).place, 'extensionHost');
    assert.equal(choosePlace({ ...local, adapter: null }).place, 'extensionHost');
    assert.equal(choosePlace({ ...local, setting: 'webview', adapter: null }).place, 'webview', '`webview` is honoured (wasm there)');
    assert.equal(choosePlace({ ...local, setting: 'webview', reachable: false }).place, 'extensionHost');
  });

  test('TF.js audits are unchanged: tfjs-node-gpu still wins, WebGL still counts', () => {
    const tfjs = { ...local, onnx: false, onnxWeb: false };
    assert.match(choosePlace({ ...tfjs, nativeGpu: true, adapter: webgpu }).reason, /tfjs-node-gpu/);
    assert.equal(choosePlace({ ...tfjs, adapter: webgl }).place, 'webview');
    assert.equal(needsAdapter({ ...tfjs, nativeGpu: true }), false);
  });
});
