// Issue 13 point 1: tiny hostile files that asked for gigabytes are refused before the memory
// is spent — every node's output estimated from the input shape, implied weight shapes checked
// against the manifest, and caps on the model JSON, the probes, shard counts and config nesting.
// Each ends in exit 2 and one line; where memory is the point, the CLI's peak RSS is measured.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { denseMismatchModel, tileGraph, upSamplingModel, writeHostile } from '../scripts/fuzz/hostileModels';
import { runAudit } from '../src/core/audit/runAudit';
import { loadConfigText } from '../src/core/config/loadConfig';
import { EquiLensError } from '../src/core/errors';
import { DEFAULT_LIMITS, loadModel, readModelJson } from '../src/core/load';
import { hostMemoryBudget } from '../src/core/load/limits';
import { nodeFiles } from '../src/node/nodeFiles';
import { ROOT } from './helpers/cli';
import { recordingFs, tempDir } from './helpers/modelFixtures';

const MIB = 1024 * 1024;
const tmp = tempDir('equilens-memory-');
const example = join(ROOT, 'examples', 'compatible-plain', 'member-01', 'model.json');
before(() => tf.setBackend('cpu'));
after(() => tmp.cleanup());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, bytes. */
  maxRss: number;
}

/** Runs the built CLI (dist/cli.js) with a preload that records its peak RSS. */
function cli(args: string[], cwd = ROOT): Run {
  const rssFile = join(tmp.dir, `rss-${process.hrtime.bigint()}`);
  const r = spawnSync(process.execPath, ['--require', join(__dirname, 'helpers', 'maxRss.cjs'), join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, EQUILENS_MAX_RSS_FILE: rssFile },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, maxRss: Number(readFileSync(rssFile, 'utf8')) };
}

/** Exit 2, nothing on stdout, exactly one line on stderr matching `problem`, peak RSS under `rssMiB`. */
function refused(r: Run, problem: RegExp, rssMiB = 600): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, problem);
  assert.ok(r.maxRss < rssMiB * MIB, `peak RSS ${(r.maxRss / MIB).toFixed(0)} MiB`);
}

const fails = (p: Promise<unknown>, re: RegExp) => assert.rejects(p, (e: unknown) => e instanceof EquiLensError && re.test(e.message) && !e.message.includes('\n'));

test('a graph Tile node with huge multiples is refused before tfjs allocates anything, naming the node', async () => {
  const path = writeHostile(join(tmp.dir, 'tile'), tileGraph([1, 10_000, 10_000, 1]));
  const before = tf.memory();
  await fails(loadModel(nodeFiles, path), /model\.json: node 'tile' \(Tile\) output \(per sample\) has shape \[20000,20000,1\]: 400000000 elements, over the 268435456 limit$/);
  assert.equal(tf.memory().numTensors, before.numTensors);
  assert.equal(tf.memory().numBytes, before.numBytes);
  // Under the element cap but over a memory budget: 2^24 values, 64 MiB per sample.
  const small = writeHostile(join(tmp.dir, 'tile-small'), tileGraph([1, 2048, 2048, 1]));
  await fails(
    loadModel(nodeFiles, small, { limits: { ...DEFAULT_LIMITS, maxMemoryBytes: 32 * MIB } }),
    /node 'tile' \(Tile\) output \[4096,4096,1\] would need 64\.0 MiB per sample \(67108888 bytes with the other outputs\), over the 32\.0 MiB memory limit \(--max-memory-mb\)$/,
  );
  // The same graph with room for it loads and runs: the estimate refuses nothing it should not.
  const model = await loadModel(nodeFiles, writeHostile(join(tmp.dir, 'tile-ok'), tileGraph([1, 3, 2, 1])));
  const y = await model.predict(tf.ones([2, 2, 2, 1]));
  assert.deepEqual(Array.from(await y.data()), [1, 1]);
  y.dispose();
  model.dispose();
  refused(cli(['audit', path, '-n', '4', '--backend', 'cpu']), /^equilens: .*model\.json: node 'tile' \(Tile\) output \(per sample\) has shape \[20000,20000,1\]/);
  // Sizes the file leaves open are estimated again from the probes, before the batch runs.
  const open = await loadModel(nodeFiles, writeHostile(join(tmp.dir, 'tile-open'), tileGraph([1, 10_000, 10_000, 1], [-1, -1, -1, 1])));
  const x = tf.ones([2, 2, 2, 1]);
  const held = tf.memory().numTensors;
  await fails(open.predict(x), /node 'tile' \(Tile\) output \(per sample\) has shape \[20000,20000,1\]: 400000000 elements, over the 268435456 limit$/);
  assert.equal(tf.memory().numTensors, held);
  x.dispose();
  open.dispose();
});

test('with --max-memory-mb 1024, an UpSampling2D to 2^28 elements (1 GiB per sample) is refused before anything is allocated', async () => {
  const path = writeHostile(join(tmp.dir, 'up'), upSamplingModel(16_384));
  const before = tf.memory();
  const fs = recordingFs(nodeFiles);
  const limits = { ...DEFAULT_LIMITS, maxMemoryBytes: 1024 * MIB };
  await fails(loadModel(fs, path, { limits }), /layer 'up' output \[16384,16384,1\] would need 1024\.0 MiB per sample \(1073741832 bytes with the other outputs\), over the 1024\.0 MiB memory limit/);
  assert.deepEqual(fs.reads, [path], 'only the model JSON was read');
  assert.equal(tf.memory().numTensors, before.numTensors);
  assert.equal(tf.memory().numBytes, before.numBytes);
  refused(cli(['audit', path, '-n', '4', '--backend', 'cpu', '--max-memory-mb', '1024']), /: layer 'up' output \[16384,16384,1\] would need 1024\.0 MiB per sample/);
  // Sizes the file leaves open are estimated again from the probes' sizes before the batch runs.
  const open = await loadModel(nodeFiles, writeHostile(join(tmp.dir, 'up-open'), upSamplingModel(4096, [null, null, null, 1])));
  const x = tf.ones([1, 8, 8, 1]);
  const held = tf.memory();
  await fails(open.predict(x), /layer 'up' output \(per sample\) has shape \[32768,32768,1\]: 1073741824 elements, over the 268435456 limit$/);
  assert.equal(tf.memory().numTensors, held.numTensors);
  assert.equal(tf.memory().numBytes, held.numBytes);
  x.dispose();
  open.dispose();
  // One more row and column is over the per-tensor cap whatever the budget.
  const over = writeHostile(join(tmp.dir, 'up-over'), upSamplingModel(16_385));
  refused(cli(['audit', over, '-n', '4', '--backend', 'cpu']), /: layer 'up' output \(per sample\) has shape \[16385,16385,1\]: 268468225 elements, over the 268435456 limit$/);
});

test('a Dense layer whose config implies a kernel far larger than the manifest is refused before any weight is read', async () => {
  const path = writeHostile(join(tmp.dir, 'dense'), denseMismatchModel(40_000_000));
  const fs = recordingFs(nodeFiles);
  const before = tf.memory();
  await fails(loadModel(fs, path), /model\.json: layer 'dense' implies weight 'dense\/kernel' of shape \[16,40000000\], but the weights manifest holds \[16,2\]$/);
  assert.deepEqual(fs.reads, [path], 'no shard was read');
  assert.equal(tf.memory().numTensors, before.numTensors);
  assert.equal(tf.memory().numBytes, before.numBytes);
  // A small mismatch gets the same message (tfjs's own named internal variables).
  await fails(
    loadModel(nodeFiles, writeHostile(join(tmp.dir, 'dense3'), denseMismatchModel(3))),
    /layer 'dense' implies weight 'dense\/kernel' of shape \[16,3\], but the weights manifest holds \[16,2\]$/,
  );
  // The matching model loads.
  (await loadModel(nodeFiles, writeHostile(join(tmp.dir, 'dense2'), denseMismatchModel(2)))).dispose();
  refused(cli(['audit', path, '-n', '4', '--backend', 'cpu']), /: layer 'dense' implies weight 'dense\/kernel' of shape \[16,40000000\]/);
});

test('the model JSON cap defaults to 32 MiB and refuses a bigger file before reading it', async () => {
  assert.equal(DEFAULT_LIMITS.maxJsonBytes, 32 * MIB);
  const dir = join(tmp.dir, 'big-json');
  mkdirSync(dir);
  const path = join(dir, 'model.json');
  writeFileSync(path, '{"modelTopology":{},"weightsManifest":[');
  truncateSync(path, 32 * MIB + 1); // sparse: the size is what is refused, nothing is written or read
  const fs = recordingFs(nodeFiles);
  await fails(readModelJson(fs, path), /model\.json: model JSON is 32\.0 MiB, over the 32\.0 MiB limit$/);
  assert.deepEqual(fs.reads, []);
  refused(cli(['audit', path, '-n', '4', '--backend', 'cpu']), /model\.json: model JSON is 32\.0 MiB, over the 32\.0 MiB limit$/);
});

test('probe counts are capped: -n 1e8 and -n 1e6 and config probes.count are exit 2 before anything is read', async () => {
  assert.equal(DEFAULT_LIMITS.maxProbes, 65_536);
  const fs = recordingFs(nodeFiles);
  const spec = { targets: [example], group: 'c4', output: 'invariant', probesCount: 1e8, seed: 0 };
  await fails(runAudit(spec, { fs, backend: 'cpu' }), /^probes count 100000000 is over the 65536 limit \(--max-probes\)$/);
  assert.deepEqual(fs.reads, []);
  refused(cli(['audit', example, '-n', '1e8', '--backend', 'cpu']), /^equilens: probes count 100000000 is over the 65536 limit \(--max-probes\)$/);
  refused(cli(['audit', example, '-n', '1e6', '--backend', 'cpu']), /^equilens: probes count 1000000 is over the 65536 limit/);
  refused(cli(['audit', example, '-n', '8', '--max-probes', '4', '--backend', 'cpu']), /^equilens: probes count 8 is over the 4 limit/);
  const cfg = loadConfigText('{"audits":[{"name":"a","models":"m","probes":{"count":100000000}}]}');
  assert.deepEqual(
    cfg.errors.map((e) => `${e.path}: ${e.message}`),
    ['audits[0].probes.count: must be <= 65536, got number 100000000'],
  );
});

test('a shard file of --shard 1/1000000000 merges to one line naming the missing shards, not a native abort', () => {
  const file = join(tmp.dir, 'shard1.json');
  const audit = cli(['audit', example, '-n', '4', '--backend', 'cpu', '--shard', '1/1000000000', '--json', file, '-q']);
  assert.equal(audit.code, 0, audit.stderr);
  refused(cli(['merge', file, '--json', join(tmp.dir, 'merged.json')]), /^equilens: missing shards 2\/1000000000, 3\/1000000000, .*, 11\/1000000000 and 999999989 more \(given: .*shard1\.json\)$/);
});

test('config nesting beyond the limit is one error (exit 2), not a stack overflow', () => {
  const deep = `{"audits":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const cfg = loadConfigText(deep);
  assert.deepEqual(
    cfg.errors.map((e) => `${e.line}:${e.column} ${e.message}`),
    ['1:74 nested deeper than 64 levels'],
  );
  // Brackets in strings and comments are not nesting.
  assert.deepEqual(loadConfigText(`// ${'['.repeat(100)}\n{"audits":[{"name":"${'{'.repeat(100)}","models":"m"}]}`).errors, []);
  const dir = join(tmp.dir, 'deep-config');
  mkdirSync(dir);
  writeFileSync(join(dir, 'equilens.config.json'), deep);
  refused(cli(['check'], dir), /^equilens: .*equilens\.config\.json:1:74: nested deeper than 64 levels$/);
});

test('the default memory budget is half the physical memory, at most 8 GiB', () => {
  assert.equal(hostMemoryBudget(4096 * MIB), 2048 * MIB);
  assert.equal(hostMemoryBudget(64 * 1024 * MIB), 8192 * MIB);
  assert.equal(DEFAULT_LIMITS.maxMemoryBytes, 8192 * MIB);
});
