// equilens.compute's decision, the compute messages' validation, and the webview's file URLs:
// the pure parts of running audits in the report webview (issue 4).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ranOn } from '../../src/core/report/ranOn';
import { parseComputeFromPanel } from '../../src/extension/computeMessages';
import { choosePlace, needsAdapter, type PlaceFacts } from '../../src/extension/computePlace';
import { resourceUrl } from '../../src/webview/compute/remoteFiles';
import { isSoftwareRenderer } from '../../src/webview/compute/software';

const hardware = { api: 'webgpu', name: 'nvidia ampere', software: false } as const;
const swiftshader = { api: 'webgl', name: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', software: true } as const;
const local: PlaceFacts = { setting: 'auto', remote: false, nativeGpu: false, reachable: true };

describe('choosePlace (equilens.compute)', () => {
  test('auto: a hardware GPU in a local workspace computes in the webview', () => {
    assert.deepEqual(choosePlace({ ...local, adapter: hardware }), { place: 'webview', reason: 'hardware GPU in the webview: nvidia ampere (webgpu)' });
  });

  test('auto: software renderers, no GPU, remote workspaces and tfjs-node-gpu stay in the extension host', () => {
    assert.match(choosePlace({ ...local, adapter: swiftshader }).reason, /software renderer \(ANGLE/);
    assert.equal(choosePlace({ ...local, adapter: null }).place, 'extensionHost');
    assert.equal(choosePlace({ ...local, remote: true, adapter: hardware }).place, 'extensionHost');
    assert.match(choosePlace({ ...local, nativeGpu: true, adapter: hardware }).reason, /tfjs-node-gpu/);
    assert.equal(choosePlace({ ...local, reachable: false, adapter: hardware }).place, 'extensionHost');
  });

  test('explicit settings win, except that the webview cannot read files outside the workspace', () => {
    assert.equal(choosePlace({ ...local, setting: 'webview', adapter: swiftshader }).place, 'webview');
    assert.equal(choosePlace({ ...local, setting: 'webview', nativeGpu: true, remote: true }).place, 'webview');
    assert.equal(choosePlace({ ...local, setting: 'webview', reachable: false }).place, 'extensionHost');
    assert.equal(choosePlace({ ...local, setting: 'extensionHost', adapter: hardware }).place, 'extensionHost');
  });

  test('the webview is asked for its adapter only when auto has to decide', () => {
    assert.equal(needsAdapter(local), true);
    for (const f of [{ setting: 'webview' }, { setting: 'extensionHost' }, { remote: true }, { nativeGpu: true }, { reachable: false }] as const) {
      assert.equal(needsAdapter({ ...local, ...f }), false, JSON.stringify(f));
    }
  });
});

test('software renderers are recognised by name; hardware ones are not', () => {
  for (const name of [swiftshader.name, 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver', 'lavapipe', 'Google SwiftShader']) assert.ok(isSoftwareRenderer(name), name);
  for (const name of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0)', 'Apple M2 Max', 'nvidia ampere', 'AMD Radeon Pro 5500M']) assert.ok(!isSoftwareRenderer(name), name);
});

describe('parseComputeFromPanel', () => {
  test('accepts each well-formed message', () => {
    assert.deepEqual(parseComputeFromPanel({ kind: 'adapter', adapter: hardware }), { kind: 'adapter', adapter: hardware });
    assert.deepEqual(parseComputeFromPanel({ kind: 'adapter', adapter: null }), { kind: 'adapter', adapter: null });
    assert.deepEqual(parseComputeFromPanel({ kind: 'fs', id: 3, op: 'readDir', path: '/w/models' }), { kind: 'fs', id: 3, op: 'readDir', path: '/w/models' });
    const event = { kind: 'progress', done: 1, total: 8, member: 0 };
    assert.deepEqual(parseComputeFromPanel({ kind: 'computeEvent', id: 0, event }), { kind: 'computeEvent', id: 0, event });
    assert.deepEqual(parseComputeFromPanel({ kind: 'computeFailed', id: 1, message: 'a.json: bad', inputError: true }), { kind: 'computeFailed', id: 1, message: 'a.json: bad', inputError: true });
    assert.deepEqual(parseComputeFromPanel({ kind: 'computeCancelled', id: 2 }), { kind: 'computeCancelled', id: 2 });
  });

  test('refuses wrong types, unknown operations, relative or NUL paths, malformed events, huge strings', () => {
    const bad: unknown[] = [
      null,
      'fs',
      [],
      { kind: 'fs', id: -1, op: 'stat', path: '/a' },
      { kind: 'fs', id: 1.5, op: 'stat', path: '/a' },
      { kind: 'fs', id: 1, op: 'readFile', path: '/a' }, // bytes come by URL, never by message
      { kind: 'fs', id: 1, op: 'stat', path: 'relative/a' },
      { kind: 'fs', id: 1, op: 'stat', path: '/a\0b' },
      { kind: 'fs', id: 1, op: 'stat', path: '/' + 'a'.repeat(5000) },
      { kind: 'adapter', adapter: { api: 'vulkan', name: 'x', software: false } },
      { kind: 'adapter', adapter: { api: 'webgl', name: 'x', software: 'no' } },
      { kind: 'computeEvent', id: 0, event: { kind: 'progress', done: '1', total: 8, member: 0 } },
      { kind: 'computeEvent', id: 0, event: { kind: 'finished', report: { schemaVersion: 2, members: [], group: {}, perElement: [] } } },
      { kind: 'computeEvent', id: 0, event: { kind: 'evil' } },
      { kind: 'computeFailed', id: 0, message: 'x'.repeat(5000), inputError: true },
      { kind: 'computeFailed', id: 0, message: 'x' },
      { kind: 'ready' }, // a panel message, not a compute one
      JSON.parse('{"kind":"computeCancelled","__proto__":{"id":1}}'),
    ];
    for (const m of bad) assert.equal(parseComputeFromPanel(m), null, JSON.stringify(m));
  });
});

test('resourceUrl maps a path to its root URL, percent-encoding each segment, and refuses the rest', () => {
  const roots = [{ path: '/w/models', uri: 'https://file+.vscode-resource.vscode-cdn.net/w/models' }];
  assert.equal(resourceUrl(roots, '/w/models/m 1/model#2.json'), 'https://file+.vscode-resource.vscode-cdn.net/w/models/m%201/model%232.json');
  assert.equal(resourceUrl(roots, '/w/models'), 'https://file+.vscode-resource.vscode-cdn.net/w/models');
  assert.equal(resourceUrl(roots, '/w/models-other/a.bin'), null);
  assert.equal(resourceUrl(roots, '/w/models/../secrets'), null);
});

test('ranOn says backend, place and device, and marks software GPUs', () => {
  assert.equal(ranOn({ backend: 'wasm (SIMD)' }), 'wasm (SIMD)');
  assert.equal(
    ranOn({ backend: 'webgl (WebGL 2)', compute: { place: 'webview', adapter: 'SwiftShader (webgl)', software: true } }),
    'webgl (WebGL 2) in the report webview on SwiftShader (webgl) (software GPU: correct, not fast)',
  );
  assert.equal(ranOn({ backend: 'wasm (SIMD)', compute: { place: 'cli', adapter: 'Intel Xeon (2 cores)', software: null } }), 'wasm (SIMD) in the CLI on Intel Xeon (2 cores)');
});
