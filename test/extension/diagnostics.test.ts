// Problems-panel diagnostics and hovers for model JSON: located layers, finding → diagnostic
// mapping and hover text, all without vscode.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/core/checks/findings';
import { analyzeText, findingsFor, hoverMarkdown, toDiagnosticSpecs } from '../../src/extension/diagnostics/findingDiagnostics';
import { findingSpan, layerAt, layerNodes, layerRange } from '../../src/extension/diagnostics/layerRanges';
import { ROOT } from '../helpers/cli';

const MEMBER = readFileSync(join(ROOT, 'examples', 'incompatible-augmented', 'member-01', 'model.json'), 'utf8');

/** Offset just after the `n`-th (0-based) occurrence of `"key": ` in `text`. */
function valueOffset(text: string, key: string, n = 0, sep = ': '): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(`"${key}"${sep}`, at + 1);
  assert.ok(at >= 0, `${key} #${n} not in text`);
  return at + key.length + 2 + sep.length;
}

/** A functional model written the way Keras exports it (model_config), on one line with odd spacing. */
const FUNCTIONAL = JSON.stringify({
  format: 'layers-model',
  modelTopology: {
    keras_version: '2.15.0',
    model_config: {
      class_name: 'Functional',
      config: {
        name: 'f',
        layers: [
          { class_name: 'InputLayer', name: 'in', config: { name: 'in', batch_input_shape: [null, 14, 15, 1] }, inbound_nodes: [] },
          {
            class_name: 'ZeroPadding2D',
            name: 'pad',
            config: {
              name: 'pad',
              padding: [
                [1, 1],
                [0, 1],
              ],
            },
            inbound_nodes: [[['in', 0, 0, {}]]],
          },
          {
            class_name: 'Conv2D',
            name: 'c',
            config: {
              name: 'c',
              filters: 2,
              kernel_size: [3, 3],
              strides: [2, 2],
              padding: 'valid',
              trainable: false,
              kernel_initializer: { class_name: 'GlorotUniform', config: {} },
              bias_initializer: { class_name: 'Identity', config: {} },
            },
            inbound_nodes: [[['pad', 0, 0, {}]]],
          },
          { class_name: 'Flatten', name: 'flat', config: { name: 'flat' }, inbound_nodes: [[['c', 0, 0, {}]]] },
        ],
      },
    },
  },
  weightsManifest: [],
}).replace(/,"/g, ' ,\t"');

test('conv1 of an example member: its kernel_size value, exactly', () => {
  const at = valueOffset(MEMBER, 'kernel_size');
  const span = layerRange(MEMBER, 'conv1', 0, 'kernel-not-square')!;
  assert.equal(span.start, at);
  assert.deepEqual(JSON.parse(MEMBER.slice(span.start, span.end)), [1, 5]);
  // Without a finding kind: the whole layer object.
  const layer = layerRange(MEMBER, 'conv1', 0)!;
  const obj = JSON.parse(MEMBER.slice(layer.start, layer.end)) as { config: { name: string } };
  assert.equal(obj.config.name, 'conv1');
});

test('the example member under c4: one error per 1×5 kernel, on each kernel_size', () => {
  const specs = toDiagnosticSpecs(analyzeText(MEMBER, 'c4')!);
  assert.deepEqual(
    specs.map((s) => [s.start, s.severity, s.code, s.anchor]),
    [
      [valueOffset(MEMBER, 'kernel_size', 0), 'error', 'kernel-not-square', 'static-findings'],
      [valueOffset(MEMBER, 'kernel_size', 1), 'error', 'kernel-not-square', 'static-findings'],
    ],
  );
  // The message names the layer (issue 15.2): the Problems panel shows no squiggle to point at it.
  assert.equal(specs[0]!.message, 'conv1: Kernel is not square: 1×5 kernel becomes 5×1 under rot90.');
  assert.deepEqual(toDiagnosticSpecs(analyzeText(MEMBER, 'flip-h')!), []);
});

test('model_config layers on one odd line: each finding on its most specific property', () => {
  const a = analyzeText(FUNCTIONAL, 'flip-h')!;
  assert.deepEqual(
    a.layers.map((l) => l.name),
    ['in', 'pad', 'c', 'flat'],
  );
  const specs = toDiagnosticSpecs(a);
  const text = (code: string) => specs.filter((s) => s.code === code).map((s) => FUNCTIONAL.slice(s.start, s.end));
  assert.deepEqual(text('asymmetric-crop-or-pad'), ['[[1,1],[0,1]]']);
  assert.deepEqual(text('frozen-layer'), ['false']);
  assert.deepEqual(text('init-not-invariant'), ['{"class_name":"Identity" ,\t"config":{}}']);
  // 15 columns padded to 16: a 3-wide stride-2 grid never reads the last one.
  assert.deepEqual(text('stride-misaligned'), ['[2,2]']);
  assert.equal(specs.find((s) => s.code === 'frozen-layer')!.severity, 'information');
  assert.equal(specs.find((s) => s.code === 'init-not-invariant')!.severity, 'warning');
  assert.equal(specs.find((s) => s.code === 'asymmetric-crop-or-pad')!.severity, 'error');
});

test('a finding whose property the layer lacks falls back to the layer object', () => {
  const flat = layerNodes(FUNCTIONAL).find((l) => l.name === 'flat')!;
  const span = findingSpan(flat, 'kernel-not-square');
  assert.deepEqual(JSON.parse(FUNCTIONAL.slice(span.start, span.end)).config, { name: 'flat' });
});

test('old Sequential topologies (config is the layer array) and graph nodes are located by name', () => {
  const old = JSON.stringify({ modelTopology: { class_name: 'Sequential', config: [{ class_name: 'Dense', config: { name: 'd', units: 2 } }] } });
  assert.deepEqual(
    layerNodes(old).map((l) => l.name),
    ['d'],
  );
  const graph = JSON.stringify({
    format: 'graph-model',
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder' },
        { name: 'y', op: 'Relu', input: ['x'] },
      ],
    },
    weightsManifest: [],
  });
  const y = layerRange(graph, 'y', -1)!;
  assert.deepEqual(JSON.parse(graph.slice(y.start, y.end)), { name: 'y', op: 'Relu', input: ['x'] });
  // The core reads no graph findings yet: a model, with nothing to report.
  assert.deepEqual(analyzeText(graph, 'c4')?.findings, []);
});

test('text that is not a model, or not JSON, gives no analysis', () => {
  assert.equal(analyzeText('{"compilerOptions": {}}', 'c4'), null);
  assert.equal(analyzeText('{"modelTopology": {"weightsManifest": ', 'c4'), null);
  assert.equal(layerRange('{}', 'conv1', 0), null);
});

test('hover: the layer under the cursor, its findings with their condition, or a line saying none', () => {
  const a = analyzeText(MEMBER, 'c4')!;
  const conv1 = layerAt(a.layers, valueOffset(MEMBER, 'kernel_size'))!;
  assert.equal(conv1.name, 'conv1');
  const md = hoverMarkdown(conv1.name, 'c4', findingsFor(a.findings, conv1));
  assert.match(md, /Kernel is not square/);
  assert.match(md, /1×5 kernel becomes 5×1 under rot90/);
  assert.match(md, /architecture condition/);
  assert.match(md, /C4\/D4 need square kernels/);
  const probs = a.layers.find((l) => l.name === 'probs')!;
  assert.deepEqual(findingsFor(a.findings, probs), []);
  assert.equal(hoverMarkdown('probs', 'c4', []), 'EquiLens: no static findings for `probs` under `c4`');
  assert.equal(layerAt(a.layers, 0), undefined);
});

test('findings for unnamed layers match by index', () => {
  const f: Finding = { kind: 'frozen-layer', severity: 'info', title: 'Frozen layer', layer: '#1', layerIndex: 1, evidence: '' };
  const layers = layerNodes(JSON.stringify({ modelTopology: { config: { layers: [{ config: {} }, { config: { trainable: false } }] } } }));
  assert.deepEqual(
    layers.map((l) => l.name),
    ['#0', '#1'],
  );
  assert.deepEqual(findingsFor([f], layers[1]!), [f]);
  assert.deepEqual(findingsFor([f], layers[0]!), []);
});
