// The CLI end to end on the bundled examples: the theorem's picture, and the JSON contract.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import type { AuditReport } from '../src/core/report/types';
import { cli, ROOT } from './helpers/cli';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-examples-');
after(() => tmp.cleanup());
const schema = JSON.parse(readFileSync(`${ROOT}/schema/report.schema.json`, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function audit(name: string, extra: string[] = []): AuditReport {
  const json = `${tmp.dir}/${name}.json`;
  const r = cli(['audit', `examples/${name}`, '--group', 'c4', '--probes', 'examples/probes/test-images.npy', '--json', json, ...extra]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'nothing on stderr when it is not a TTY');
  const report = JSON.parse(readFileSync(json, 'utf8')) as AuditReport;
  assert.ok(validate(report), JSON.stringify(validate.errors));
  return report;
}

const reports: Record<string, AuditReport> = {};

test('(a) compatible + augmentation: members far from invariant, floor ≈ 0', () => {
  const r = (reports.a = audit('compatible-augmented', ['--md', `${tmp.dir}/a.md`, '--html', `${tmp.dir}/a.html`]));
  assert.equal(r.schemaVersion, 1);
  assert.deepEqual(r.group, { name: 'c4', order: 4, fullOrder: 4, sampled: false, elements: ['e', 'rot90', 'rot180', 'rot270'] });
  assert.equal(r.probes.source, 'npy');
  assert.equal(r.probes.count, 64);
  assert.deepEqual(r.probes.shape.slice(0, 1), [64]);
  assert.equal(r.outputKind, 'probabilities');
  assert.ok(r.members.length >= 8);
  assert.ok(r.members.every((m) => m.path.startsWith('examples/compatible-augmented/')));
  const e = r.ensemble!;
  assert.equal(e.size, r.members.length);
  const medianMember = r.members.map((m) => m.relError!).sort((x, y) => x - y)[r.members.length >> 1]!;
  assert.ok(e.relError! < medianMember, `ensemble ${e.relError} < median member ${medianMember}`);
  assert.ok(e.floor! < 0.5 * medianMember, `floor ${e.floor} well below members ${medianMember}`);
  assert.ok(e.floorCI![0] <= e.floor! && e.floor! <= e.floorCI![1]);
  assert.deepEqual(
    e.curve.map((c) => c.k),
    [1, 2, 4, 8, ...(r.members.length > 8 ? [r.members.length] : [])],
  );
  assert.ok(e.osp! >= 1 && e.osp! <= 4);
  assert.ok(Math.abs(e.agreement! - (e.osp! - 1) / 3) < 1e-9);
  assert.equal(r.perElement.length, 3);
  assert.deepEqual(
    r.findings.filter((f) => f.severity === 'error'),
    [],
    'a compatible architecture has no architecture findings',
  );
  assert.match(readFileSync(`${tmp.dir}/a.md`, 'utf8'), /\| ensemble mean/);
  assert.match(readFileSync(`${tmp.dir}/a.html`, 'utf8'), /<table>/);
});

test('(b) no augmentation and (c) incompatible architecture: floors clearly above (a)', () => {
  reports.b = audit('compatible-plain');
  reports.c = audit('incompatible-augmented');
  const fa = reports.a!.ensemble!.floor!;
  for (const k of ['b', 'c'] as const) {
    const e = reports[k]!.ensemble!;
    assert.ok(e.floor! > 2 * fa, `${k}: floor ${e.floor} vs (a) ${fa}`);
    assert.ok(e.floorCI![0] > 0, `${k}: interval ${e.floorCI} excludes 0`);
  }
  const nonSquare = reports.c.findings.filter((f) => f.kind === 'kernel-not-square').map((f) => f.layer);
  assert.ok(nonSquare.length >= 2, `(c)'s 1×5 convolutions are named: ${nonSquare}`);
  assert.deepEqual(
    reports.b.findings.filter((f) => f.severity === 'error'),
    [],
  );
});

test('the same seed gives the same numbers', () => {
  const again = audit('compatible-augmented');
  const strip = (r: AuditReport) => ({ ...r, createdAt: '', timing: null });
  assert.deepEqual(strip(again), strip(reports.a!));
});

test('a single member has no ensemble block', () => {
  const r = cli(['audit', 'examples/compatible-plain/member-01/model.json', '--probes', 'examples/probes/test-images.npy', '--json', `${tmp.dir}/one.json`]);
  assert.equal(r.code, 0, r.stderr);
  const one = JSON.parse(readFileSync(`${tmp.dir}/one.json`, 'utf8')) as AuditReport;
  assert.equal(one.ensemble, null);
  assert.equal(one.members.length, 1);
  assert.ok(validate(one), JSON.stringify(validate.errors));
  assert.ok(existsSync(`${tmp.dir}/one.json`));
});
