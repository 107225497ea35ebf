// Issue 12.1–3 from the command line: the flags, the report fields, exit 2 with one line.
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { encodeNpy } from '../src/core/probes';
import { op, placeholder, writeGraph } from './helpers/graphFixtures';
import { tempDir } from './helpers/modelFixtures';
import { runMain } from './helpers/hostileFs';

const tmp = tempDir('equilens-inputs-cli-');
after(() => tmp.cleanup());

/** The CLI's main() in this process on the cpu backend, quiet; exit code and stderr. */
const run = (args: string[]) => runMain([...args, '--backend', 'cpu', '-q']);

// x: int32 [N, ?, ?, 1] (an open image input), z: float [N, 2] → mean(x) + z.
const model = writeGraph(
  `${tmp.dir}/m`,
  [
    placeholder('x', 'DT_INT32', [-1, -1, -1, 1]),
    placeholder('z', 'DT_FLOAT', [-1, 2]),
    { name: 'cast', op: 'Cast', input: ['x'], attr: { SrcT: { type: 'DT_INT32' }, DstT: { type: 'DT_FLOAT' } } },
    op('mean', 'Mean', ['cast', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
    op('sum', 'AddV2', ['mean', 'z']),
    op('Identity', 'Identity', ['sum']),
  ],
  [{ name: 'axes', dtype: 'int32', shape: [2], values: [1, 2] }],
);

test('a missing dynamic size: exit 2, one line naming the input and --input-shape', async () => {
  const r = await run(['audit', model, '-g', 'flip-h', '-n', '4']);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /input 'x' has unknown size \[\?,\?,\?,1\]: pass --input-shape/);
});

test('a bad --input-shape or --fixed-input is a usage error (exit 2)', async () => {
  assert.equal((await run(['audit', model, '--input-shape', '6x0x1'])).code, 2);
  assert.equal((await run(['audit', model, '--input-shape', '6x6x1', '--fixed-input', 'z'])).code, 2);
  assert.equal((await run(['audit', model, '--input-layout', 'nwhc'])).code, 2);
});

test('--input-shape, --fixed-input and --input-layout reach the report', async () => {
  const z = join(tmp.dir, 'z.npy');
  writeFileSync(z, encodeNpy([2], Float32Array.from([1, 2])));
  const out = join(tmp.dir, 'r.json');
  const r = await run(['audit', model, '-g', 'flip-h', '-n', '4', '--input-shape', '6x6x1', '--fixed-input', `z:0=${z}`, '--input-layout', 'nhwc', '--json', out]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(report.model.input, { name: 'x', shape: [null, null, null, 1], dtype: 'int32', layout: 'NHWC' });
  assert.equal(report.model.fixedInputs[0].name, 'z');
  assert.match(report.model.fixedInputs[0].source, /z\.npy$/);
  assert.deepEqual(report.probes.shape, [4, 6, 6, 1]);
  assert.ok(report.members[0].relError < 1e-7);
});
