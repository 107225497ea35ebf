// `equilens audit --max-*`: each flag reaches its cap in the engine's units (MiB → bytes), and a
// bad value is a usage error (exit 2, one line).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { cli } from './helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-cli-limits-');
let model = '';
before(async () => {
  await tf.setBackend('cpu');
  // Input 8×8×3 (192 values), conv output 8×8×4 (256), 3 layers, 4·(3·3·3·4 + 4 + 4·3 + 3) = 508 weight bytes.
  model = writeModel(`${tmp.dir}/m`, await cnnArtifacts({ seed: 1, size: 8, channels: 3 }));
});
after(() => tmp.cleanup());

function refused(flags: string[], problem: RegExp): void {
  const r = cli(['audit', model, '-n', '4', '--backend', 'cpu', ...flags]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, problem);
}

test('every cap passes at the model’s own size and refuses one below', () => {
  const jsonBytes = readFileSync(model).byteLength;
  const atSize = ['--max-layers', '3', '--max-tensor-elements', '256', '--max-input-elements', '192', '--max-weights-mb', String(508 / 1048576), '--max-model-json-mb', String(jsonBytes / 1048576)];
  const ok = cli(['audit', model, '-n', '4', '--backend', 'cpu', '-q', ...atSize]);
  assert.equal(ok.code, 0, ok.stderr);
  const file = model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  refused(['--max-layers', '2'], new RegExp(`^equilens: ${file}: topology has 3 layers/nodes, over the 2 limit$`));
  refused(['--max-tensor-elements', '255'], /: layer '.*' output \(per sample\) has shape \[8,8,4\]: 256 elements, over the 255 limit$/);
  refused(['--max-input-elements', '191'], /: input '.*' has 192 values per sample, over the 191 limit$/);
  refused(['--max-weights-mb', String(507 / 1048576)], /: weights total 508 bytes, over the 507 bytes limit$/);
  refused(['--max-model-json-mb', String((jsonBytes - 1) / 1048576)], new RegExp(`: model JSON is ${jsonBytes} bytes, over the ${jsonBytes - 1} bytes limit$`));
  refused(['--max-json-depth', '3'], /: JSON is nested deeper than 3 levels$/);
});

test('bad values are usage errors', () => {
  for (const [flag, value] of [
    ['--max-layers', '0'],
    ['--max-layers', '1.5'],
    ['--max-weights-mb', '-1'],
    ['--max-model-json-mb', 'lots'],
    ['--max-tensor-elements', '1e400'],
  ]) {
    refused([flag!, value!], new RegExp(`^equilens: option '${flag} <n>' argument '${value}' is invalid\\. expected a positive`));
  }
});

test('--help lists every cap with its default', () => {
  const help = cli(['audit', '--help']).stdout.replace(/\s+/g, ' ');
  for (const text of [
    '--max-model-json-mb <n>',
    '(default 256)',
    '--max-weights-mb <n>',
    '(default 4096)',
    '--max-layers <n>',
    '(default 200000)',
    '--max-json-depth <n>',
    '--max-tensor-elements <n>',
    '(default 268435456)',
    '--max-input-elements <n>',
    '(default 16777216)',
  ]) {
    assert.ok(help.includes(text), text);
  }
});
