// Scale-out (issue 6): `audit --shard i/n` + `merge` give the report a single run gives, bit for
// bit apart from createdAt/timing, for any n and any order of the files; bad shard sets are
// refused with one line naming the file. The floor is a function of per-member sums, which add
// across shards; the bootstrap and curve resample members, so shards carry each member's orbit.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditHost, AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import type { AuditReport } from '../src/core/report/types';
import { decodeFloat32, encodeFloat32 } from '../src/core/shard/float32Base64';
import { LAYERS_NOT_MERGED, mergeShards } from '../src/core/shard/mergeShards';
import { readShard } from '../src/core/shard/readShard';
import { runShard } from '../src/core/shard/runShard';
import { parseShard, shardMembers } from '../src/core/shard/select';
import type { NamedShard } from '../src/core/shard/checkShards';
import type { ShardFile } from '../src/core/shard/types';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { cli } from './helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const ROOT = join(__dirname, '..');
const tmp = tempDir('equilens-shard-');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'shard.schema.json'), 'utf8')));
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')));
let host: AuditHost;
before(async () => {
  host = { fs: nodeFiles, backend: (await initBackend('wasm')).description };
});
after(() => tmp.cleanup());

const examples = (extra: Partial<AuditSpec> = {}): AuditSpec => ({
  targets: [`${ROOT}/examples/compatible-augmented`],
  group: 'c4',
  output: 'invariant',
  probes: `${ROOT}/examples/probes/test-images.npy`,
  probesCount: Infinity,
  seed: 0,
  displayBase: ROOT,
  localise: false,
  ...extra,
});

/** Shard i of n as the CLI writes and merge reads it: through JSON text, validated. */
async function shard(spec: AuditSpec, index: number, count: number): Promise<NamedShard & { text: string }> {
  const file = `shard-${index}-of-${count}.json`;
  const text = JSON.stringify(await runShard(spec, { index, count }, host));
  const parsed = JSON.parse(text) as ShardFile;
  assert.ok(validate(parsed), JSON.stringify(validate.errors));
  return { file, text, shard: readShard(text, file) };
}

async function shards(spec: AuditSpec, count: number): Promise<(NamedShard & { text: string })[]> {
  const out = [];
  for (let i = 1; i <= count; i++) out.push(await shard(spec, i, count));
  return out;
}

/** Everything but when it was made and how long it took. */
function body(r: AuditReport): string {
  const { createdAt: _c, timing: _t, ...rest } = r;
  return JSON.stringify(rest);
}

/** The one-line refusal merge gives for `list`. */
function refusal(list: readonly NamedShard[]): string {
  try {
    mergeShards(list);
  } catch (e) {
    assert.ok(e instanceof EquiLensError, String(e));
    assert.doesNotMatch(e.message, /\n/);
    return e.message;
  }
  assert.fail('merge accepted the shards');
}

describe('i/n', () => {
  test('1-based: member j (0-based) is in shard (j mod n) + 1; bad values are refused', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    assert.deepEqual(shardMembers(8, { index: 1, count: 3 }), [0, 3, 6]);
    assert.deepEqual(shardMembers(8, { index: 3, count: 3 }), [2, 5]);
    assert.deepEqual(shardMembers(2, { index: 3, count: 4 }), []);
    for (const bad of ['3/2', '0/2', '1/0', '-1/2', '1.5/2', '2', 'a/b', '']) assert.throws(() => parseShard(bad), EquiLensError, bad);
  });
  test('float32 base64 round-trips bit for bit (every length mod 3)', () => {
    for (const n of [0, 1, 2, 3, 5, 3073]) {
      const v = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 1e3 + (i % 7 === 0 ? -0 : 1e-30));
      assert.deepEqual(decodeFloat32(encodeFloat32(v)), v);
    }
    assert.equal(decodeFloat32('AAA'), null);
    assert.equal(decodeFloat32('AA=A'), null);
  });
});

describe('examples/compatible-augmented (8 members, C4, 64 test images)', () => {
  let single: AuditReport;
  let three: (NamedShard & { text: string })[];
  before(async () => {
    single = await runAudit(examples(), host);
    three = await shards(examples(), 3);
  });

  test('3 shards, any order: the single run’s report (floor, floorCI, curve, membersNeeded, perElement, members, findings, fixes)', () => {
    assert.equal(single.ensemble?.size, 8);
    for (const order of [
      [0, 1, 2],
      [2, 0, 1],
      [1, 2, 0],
    ]) {
      const merged = mergeShards(order.map((i) => three[i]!));
      assert.equal(body(merged), body(single), `order ${order}`);
      assert.ok(validateReport(JSON.parse(JSON.stringify(merged))), JSON.stringify(validateReport.errors));
    }
    const merged = mergeShards(three);
    assert.deepEqual(merged.ensemble!.floorCI, single.ensemble.floorCI);
    assert.deepEqual(merged.ensemble!.curve, single.ensemble.curve);
    assert.deepEqual(merged.fixes, single.fixes);
    assert.deepEqual(
      three.map((s) => s.shard.members.map((m) => m.index)),
      [
        [0, 3, 6],
        [1, 4, 7],
        [2, 5],
      ],
    );
  });

  test('n = 8 (one member each), n = 1, and n = 10 (two shards hold none) merge to the same report', async () => {
    for (const n of [8, 1, 10]) {
      const list = await shards(examples(), n);
      assert.equal(body(mergeShards([...list].reverse())), body(single), `n = ${n}`);
      if (n === 10)
        assert.deepEqual(
          list.slice(8).map((s) => [s.shard.members.length, s.shard.run]),
          [
            [0, null],
            [0, null],
          ],
        );
    }
  });

  test('size: a member costs 2·B·m·D float32 in base64 (64·4·4 → 10,928 chars) plus its weight signatures', () => {
    const m = three[1]!.shard.members[0]!;
    assert.deepEqual([m.orbit!.B, m.orbit!.m, m.orbit!.D], [64, 4, 4]);
    assert.equal(m.orbit!.moved.length + m.orbit!.expected.length, 2 * Math.ceil((64 * 4 * 4 * 4) / 3) * 4);
    const perMember = three[1]!.text.length / three[1]!.shard.members.length;
    assert.ok(perMember > 10_928 && perMember < 16_000, `${perMember} bytes per member`);
  });

  test('the floor is sums over members: per-shard Σd_i, Σ‖d_i‖², Σe_i add up to the single run’s floor', () => {
    const { B, m, D } = three[0]!.shard.members[0]!.orbit!;
    const L = B * (m - 1) * D;
    const sumDev = new Float64Array(L);
    const sumExp = new Float64Array(L);
    let devTrace = 0;
    let N = 0;
    for (const s of three) {
      // One shard's partial sums, as a runner could keep them alone.
      const part = { dev: new Float64Array(L), exp: new Float64Array(L), trace: 0, n: 0 };
      for (const member of s.shard.members) {
        const moved = decodeFloat32(member.orbit!.moved)!;
        const expected = decodeFloat32(member.orbit!.expected)!;
        for (let b = 0; b < B; b++) {
          for (let k = 0; k < (m - 1) * D; k++) {
            const at = b * m * D + D + k;
            const d = moved[at]! - expected[at]!;
            part.dev[b * (m - 1) * D + k]! += d;
            part.exp[b * (m - 1) * D + k]! += expected[at]!;
            part.trace += d * d;
          }
        }
        part.n++;
      }
      for (let i = 0; i < L; i++) {
        sumDev[i]! += part.dev[i]!;
        sumExp[i]! += part.exp[i]!;
      }
      devTrace += part.trace;
      N += part.n;
    }
    const sq = (v: Float64Array) => v.reduce((a, x) => a + x * x, 0);
    const meanSq = sq(sumDev) / (N * N);
    const s2 = (devTrace - N * meanSq) / (N - 1);
    const Z = sq(sumExp) / (N * N);
    const floor = Math.sqrt(Math.max(0, meanSq - s2 / N) / Z);
    const e = single.ensemble!;
    assert.ok(Math.abs(e.model.s2 - s2) <= 1e-9 * s2, `s² ${e.model.s2} vs ${s2}`);
    assert.ok(Math.abs(e.model.Z - Z) <= 1e-9 * Z, `Z ${e.model.Z} vs ${Z}`);
    assert.ok(Math.abs(e.floor! - floor) <= 1e-6 * Math.max(floor, 1e-12) + 1e-12, `floor ${e.floor} vs ${floor}`);
  });

  test('per-layer floors are left out of merged reports, with a warning', () => {
    const asked = three.map((s) => ({ ...s, shard: { ...s.shard, audit: { ...s.shard.audit, localise: null } } }));
    const merged = mergeShards(asked);
    assert.equal(merged.layers, null);
    assert.ok(merged.warnings.includes(LAYERS_NOT_MERGED));
    assert.deepEqual(merged.ensemble, single.ensemble);
  });

  test('bad sets are refused in one line naming the file: missing, twice, other seed, other group, truncated, edited', async () => {
    const [s1, s2, s3] = [three[0]!, three[1]!, three[2]!];
    assert.match(refusal([s1, s3]), /^missing shard 2\/3 \(given: shard-1-of-3\.json, shard-3-of-3\.json\)$/);
    assert.match(refusal([s1, s2, s2, s3]), /^shard-2-of-3\.json: is shard 2\/3 again \(so is shard-2-of-3\.json\)$/);
    const seed1 = await shard(examples({ seed: 1 }), 2, 3);
    assert.match(refusal([s1, seed1, s3]), /^shard-2-of-3\.json: is from a different audit than shard-1-of-3\.json \(seed: 0 vs 1\)$/);
    const flip = await shard(examples({ group: 'flip-h' }), 3, 3);
    assert.match(refusal([s1, s2, flip]), /^shard-3-of-3\.json: is from a different audit than shard-1-of-3\.json \(group: "c4" vs "flip-h"\)$/);
    const of2 = await shard(examples(), 2, 2);
    assert.match(refusal([s1, of2, s3]), /^shard-2-of-2\.json: is shard 2\/2, but shard-1-of-3\.json is 1\/3/);
    const text = (three[1] as { text: string }).text;
    assert.throws(() => readShard(text.slice(0, text.length >> 1), 'cut.json'), /^EquiLensError: cut\.json: is not valid JSON, truncated\?/);
    assert.throws(
      () => readShard('{"format":"equilens-shard","shardVersion":1}', 'bare.json'),
      /^EquiLensError: bare\.json: does not match schema\/shard\.schema\.json: \/ must have required property/,
    );
    assert.throws(() => readShard(JSON.stringify(single), 'report.json'), /report\.json: is not an EquiLens shard file/);
    const edited = JSON.parse(text) as ShardFile;
    edited.members[0]!.orbit!.moved = edited.members[0]!.orbit!.moved.slice(8);
    assert.match(
      refusal([s1, { file: 'edited.json', shard: readShard(JSON.stringify(edited), 'edited.json') }, s3]),
      /^edited\.json: member examples\/compatible-augmented\/member-02\/model\.json: the orbit is not 64×4×4 float32 values/,
    );
  });
});

test('static findings come from member 0’s JSON, carried by shard 1 (incompatible-augmented, n = 2)', async () => {
  const spec = examples({ targets: [`${ROOT}/examples/incompatible-augmented`] });
  const single = await runAudit(spec, host);
  assert.ok(
    single.findings.some((f) => f.severity === 'error' && f.layer),
    JSON.stringify(single.findings.map((f) => f.kind)),
  );
  const list = await shards(spec, 2);
  assert.ok(list[0]!.shard.run!.firstJson && !list[1]!.shard.run!.firstJson);
  assert.equal(body(mergeShards(list.reverse())), body(single));
});

describe('findings across shards', () => {
  /** Members 1 and 2 share their conv kernel (in shards 1 and 2), member 3 holds a NaN weight. */
  before(async () => {
    const arts = await Promise.all([1, 2, 3, 4, 5].map((seed) => cnnArtifacts({ seed, size: 8, channels: 1 })));
    const w = arts.map((a) => new Float32Array(a.weightData as ArrayBuffer));
    w[1]!.set(w[0]!.subarray(0, 36)); // the 3×3×1×4 conv kernel comes first
    w[2]![5] = Number.NaN;
    arts.forEach((a, i) => writeModel(`${tmp.dir}/mixed/member-${i + 1}`, a));
    for (const [i, v] of [Number.NaN, Number.POSITIVE_INFINITY].entries()) {
      const a = await cnnArtifacts({ seed: 9 + i, size: 8, channels: 1 });
      new Float32Array(a.weightData as ArrayBuffer)[0] = v;
      writeModel(`${tmp.dir}/bad/member-${i + 1}`, a);
    }
  });
  const spec = (dir: string): AuditSpec => ({ targets: [`${tmp.dir}/${dir}`], group: 'flip-h', output: 'invariant', probesCount: 4, seed: 3, displayBase: tmp.dir, localise: false });

  test('shared-checkpoint, non-finite weights/outputs and the left-out member merge as in one run (n = 2, 3)', async () => {
    const single = await runAudit(spec('mixed'), host);
    assert.deepEqual(
      single.findings.map((f) => [f.kind, f.member ?? f.members?.join(' ')]),
      [
        ['non-finite-weights', 'mixed/member-3/model.json'],
        ['non-finite-output', 'mixed/member-3/model.json'],
        ['shared-checkpoint', 'mixed/member-1/model.json mixed/member-2/model.json'],
      ],
    );
    for (const n of [2, 3]) {
      const list = await shards(spec('mixed'), n);
      assert.equal(body(mergeShards(list.reverse())), body(single), `n = ${n}`);
    }
    // n = 3: shard 3 holds member 3 alone, whose outputs are all NaN: no orbit, no output shape.
    const third = await shard(spec('mixed'), 3, 3);
    assert.deepEqual([third.shard.members[0]!.orbit, third.shard.run!.outputShape], [null, null]);
    assert.equal(third.shard.members[0]!.scan!.weights[0]!.norm, 'NaN');
  });

  test('when every member is non-finite, merge refuses as the single run does', async () => {
    const alone = await runAudit(spec('bad'), host).then(
      () => assert.fail('audited'),
      (e: Error) => e.message,
    );
    // The same words; the folder as the report shows paths (relative to the working directory).
    assert.equal(refusal(await shards(spec('bad'), 2)), alone.replace(`${tmp.dir}/`, ''));
    assert.match(alone, /outputs of all 2 members contain NaN or Infinity \(member-1\/model\.json: 24 of 24 values/);
  });
});

describe('CLI: three `audit --shard` processes and one `merge`', () => {
  const base = ['examples/compatible-augmented', '--group', 'c4', '--probes', 'examples/probes/test-images.npy', '--backend', 'wasm', '--no-localise'];

  test('merge prints the summary and writes the report the single run writes', () => {
    const files = [1, 2, 3].map((i) => `${tmp.dir}/cli-shard-${i}.json`);
    for (const [k, file] of files.entries()) {
      const r = cli(['audit', ...base, '--shard', `${k + 1}/3`, '--json', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^shard ${k + 1}/3: ${k < 2 ? 3 : 2} of 8 members`));
    }
    const merged = cli(['merge', files[2]!, files[0]!, files[1]!, '--json', `${tmp.dir}/merged.json`, '--md', `${tmp.dir}/merged.md`]);
    assert.equal(merged.code, 0, merged.stderr);
    assert.equal(merged.stderr, '');
    const single = cli(['audit', ...base, '--json', `${tmp.dir}/single.json`]);
    assert.equal(single.code, 0, single.stderr);
    assert.equal(merged.stdout.replace(/\d+(\.\d+)? ?s\b/g, ''), single.stdout.replace(/\d+(\.\d+)? ?s\b/g, ''), 'the same terminal summary');
    const read = (f: string) => JSON.parse(readFileSync(`${tmp.dir}/${f}`, 'utf8')) as AuditReport;
    assert.equal(body(read('merged.json')), body(read('single.json')));
    assert.match(readFileSync(`${tmp.dir}/merged.md`, 'utf8'), /\| ensemble mean/);
  });

  test('usage errors and bad shard sets exit 2 with one line', () => {
    const oneLine = (args: string[], pattern: RegExp) => {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr.trim(), pattern);
    };
    oneLine(['audit', ...base, '--shard', '3/2', '--json', `${tmp.dir}/x.json`], /^equilens: option '--shard <i\/n>' argument '3\/2' is invalid\. expects i\/n with 1 ≤ i ≤ n/);
    oneLine(['audit', ...base, '--shard', '1/3'], /^equilens: --shard writes a shard file: pass --json <file>/);
    oneLine(['merge', `${tmp.dir}/cli-shard-1.json`, `${tmp.dir}/cli-shard-3.json`], /^equilens: missing shard 2\/3 \(given: /);
    oneLine(['merge', `${tmp.dir}/nope.json`], /^equilens: .*nope\.json: cannot read the shard file$/);
  });
});
