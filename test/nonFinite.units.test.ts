// The weight scan behind 'non-finite-weights', and findings that name a member instead of a layer
// in every renderer and in the editor's diagnostics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nonFiniteOutputFinding, nonFiniteWeightsFinding } from '../src/core/audit/numerics';
import type { Finding } from '../src/core/checks/findings';
import { nonFiniteWeights } from '../src/core/load/nonFiniteWeights';
import { renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import { findingsFor, hoverMarkdown, toDiagnosticSpecs } from '../src/extension/diagnostics/findingDiagnostics';
import { layerNodes } from '../src/extension/diagnostics/layerRanges';
import { fakeReport } from './extension/fixtures';

const bytes = (...parts: ArrayBufferView[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  parts.reduce((o, p) => (out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o), o + p.byteLength), 0);
  return out;
};

test('float32 weights: NaN and ±Infinity counted per weight, also at an unaligned offset', () => {
  const specs = [
    { name: 'flag', shape: [1], dtype: 'bool' as const },
    { name: 'w', shape: [4], dtype: 'float32' as const },
    { name: 'ok', shape: [2], dtype: 'float32' as const },
    { name: 'i', shape: [1], dtype: 'int32' as const },
  ];
  // 'w' starts at byte 1: a Float32Array cannot view it in place.
  const data = bytes(new Uint8Array([1]), new Float32Array([1, Number.NaN, -Infinity, Infinity]), new Float32Array([2, 3]), new Int32Array([-1]));
  assert.deepEqual(nonFiniteWeights(specs, data, 'm.json'), [{ name: 'w', count: 3, total: 4 }]);
});

test('quantized weights: float16 Inf/NaN bits, affine uint8 whose scale or min overflow', () => {
  const half = [{ name: 'h', shape: [4], dtype: 'float32' as const, quantization: { dtype: 'float16' as const } }];
  // 1.0, +Inf, NaN, −Inf in IEEE half precision.
  assert.deepEqual(nonFiniteWeights(half, bytes(new Uint16Array([0x3c00, 0x7c00, 0x7e00, 0xfc00])), 'm.json'), [{ name: 'h', count: 3, total: 4 }]);
  // JSON has no Infinity, but 1e999 parses to it.
  const scale = JSON.parse('{"dtype":"uint8","scale":1e999,"min":0}');
  const inf = [{ name: 'q', shape: [3], dtype: 'float32' as const, quantization: scale }];
  assert.deepEqual(nonFiniteWeights(inf, new Uint8Array([0, 1, 2]), 'm.json'), [{ name: 'q', count: 3, total: 3 }]);
  // q·1e308 + 1e308 overflows from q = 1 on.
  const big = [{ name: 'q16', shape: [3], dtype: 'float32' as const, quantization: { dtype: 'uint16' as const, scale: 1e308, min: 1e308 } }];
  assert.deepEqual(nonFiniteWeights(big, bytes(new Uint16Array([0, 1, 65535])), 'm.json'), [{ name: 'q16', count: 2, total: 3 }]);
  const fine = [{ name: 'u', shape: [2], dtype: 'float32' as const, quantization: { dtype: 'uint8' as const, scale: 0.5, min: -1 } }];
  assert.deepEqual(nonFiniteWeights(fine, new Uint8Array([0, 255]), 'm.json'), []);
});

const memberFindings: Finding[] = [nonFiniteWeightsFinding('ens/m_2/model.json', [{ name: 'conv/kernel', count: 1, total: 36 }]), nonFiniteOutputFinding('ens/m_2/model.json', 48, 48)];

test('member findings: their wording, with the counts', () => {
  assert.equal(memberFindings[0]!.evidence, "1 weight holds NaN or Infinity: 'conv/kernel' (1 of 36 values)");
  const five = nonFiniteWeightsFinding(
    'm',
    ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, count: 2, total: 9 })),
  );
  assert.equal(five.evidence, "5 weights hold NaN or Infinity: 'a' (2 of 9 values), 'b' (2 of 9 values), 'c' (2 of 9 values) and 2 more");
  assert.equal(memberFindings[1]!.evidence, '48 of 48 output values are NaN or Infinity; the member is left out of the statistics');
});

test('terminal, Markdown and HTML name the member where a layer would be', () => {
  const r = { ...fakeReport(), findings: memberFindings };
  const t = renderTerminal(r);
  assert.match(t, /^warning · ens\/m_2\/model\.json: Weights contain NaN or Infinity — 1 weight holds NaN or Infinity: 'conv\/kernel' \(1 of 36 values\)$/m);
  assert.match(t, /^error · ens\/m_2\/model\.json: Outputs contain NaN or Infinity — 48 of 48 output values/m);
  assert.doesNotMatch(t, /undefined/);
  const md = renderMarkdown(r);
  assert.match(md, /^\| ens\/m\\_2\/model\.json \| error \| Outputs contain NaN or Infinity \| 48 of 48 output values/m);
  assert.doesNotMatch(md, /undefined/);
  const html = renderHtml(r);
  assert.match(html, /<td>ens\/m_2\/model\.json<\/td><td>error<\/td><td>Outputs contain NaN or Infinity<\/td>/);
  assert.doesNotMatch(html, /undefined/);
});

test('diagnostics: a finding without a layer goes on the first character and matches no layer', () => {
  const text = JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd' } }] } }, weightsManifest: [] });
  const layers = layerNodes(text);
  assert.equal(layers.length, 1);
  const specs = toDiagnosticSpecs({ findings: memberFindings, layers });
  assert.deepEqual(
    specs.map((s) => [s.start, s.end, s.severity, s.code]),
    [
      [0, 0, 'warning', 'non-finite-weights'],
      [0, 0, 'error', 'non-finite-output'],
    ],
  );
  assert.deepEqual(findingsFor(memberFindings, layers[0]!), []);
  assert.match(hoverMarkdown('d', 'c4', memberFindings.slice(1)), /`non-finite-output`, numerics condition/);
});
