// Problems where users look (issue 15.2): an audit's findings on every member's file, open or
// not, read from disk; the member and the layer in each message; on a minified one-line model
// JSON the range is the layer's config object. The vscode side runs against the fake module.
import { documentEvents, fake } from '../helpers/fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Finding } from '../../src/core/checks/findings';
import { AuditDiagnostics } from '../../src/extension/diagnostics/auditDiagnostics';
import { analyzeText } from '../../src/extension/diagnostics/findingDiagnostics';
import { findingsByMember, memberNames, memberSpecs } from '../../src/extension/diagnostics/memberFindings';
import { ROOT } from '../helpers/cli';
import { fakeReport, member } from './fixtures';

const MEMBER = readFileSync(join(ROOT, 'examples', 'incompatible-augmented', 'member-01', 'model.json'), 'utf8');
/** The same model on one line, as minifiers and some converters write it. */
const MINIFIED = JSON.stringify(JSON.parse(MEMBER));
/** The example's static findings under C4: conv1 and conv2 have 1×5 kernels. */
const STATIC = analyzeText(MEMBER, 'c4')!.findings;
const NAN: Finding = {
  kind: 'non-finite-weights',
  severity: 'warning',
  title: 'Weights contain NaN or Infinity',
  member: 'ens/member-02/model.json',
  evidence: '1 weight holds NaN or Infinity: conv1/kernel',
};

const tmp = mkdtempSync(join(tmpdir(), 'equilens-member-diag-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('the example member has the two 1×5 kernels this file relies on', () => {
  assert.deepEqual(
    STATIC.filter((f) => f.kind === 'kernel-not-square').map((f) => f.layer),
    ['conv1', 'conv2'],
  );
});

test('findings go to the members they name; architecture findings to every member', () => {
  const report = {
    ...fakeReport({
      members: ['01', '02', '03'].map((n) => member(`ens/member-${n}/model.json`, 0.1)),
    }),
    findings: [...STATIC, NAN],
  };
  const files = ['01', '02', '03'].map((n) => `/w/ens/member-${n}/model.json`);
  const by = findingsByMember(report, files);
  assert.deepEqual(
    by.map((m) => m.member),
    ['member-01', 'member-02', 'member-03'],
  );
  assert.deepEqual(
    by.map((m) => m.findings.length),
    [STATIC.length, STATIC.length + 1, STATIC.length],
  );
  const shared: Finding = {
    ...NAN,
    kind: 'shared-checkpoint',
    member: undefined,
    members: ['ens/member-01/model.json', 'ens/member-03/model.json'],
  };
  assert.deepEqual(
    findingsByMember({ ...report, findings: [shared] }, files).map((m) => m.findings.length),
    [1, 0, 1],
  );
});

test('a member left out of the statistics (non-finite outputs) still gets its entry, on the file its finding names', () => {
  const out: Finding = {
    kind: 'non-finite-output',
    severity: 'error',
    title: 'Outputs contain NaN or Infinity',
    member: 'ens/member-03/model.json',
    evidence: '4 of 16 output values are NaN or Infinity',
  };
  const report = { members: [member('ens/member-01/model.json', 0.1), member('ens/member-02/model.json', 0.1)], findings: [...STATIC, out] };
  const files = ['/w/ens/member-01/model.json', '/w/ens/member-02/model.json'];
  const by = findingsByMember(report, files, (p) => `/w/${p}`);
  assert.deepEqual(
    by.map((m) => [m.file, m.member, m.findings.length]),
    [
      ['/w/ens/member-01/model.json', 'member-01', STATIC.length],
      ['/w/ens/member-02/model.json', 'member-02', STATIC.length],
      ['/w/ens/member-03/model.json', 'member-03', STATIC.length + 1],
    ],
  );
  // Without a resolver (older callers): the members of the report only.
  assert.equal(findingsByMember(report, files).length, 2);
});

test('member names: the folder of a model.json, the file name otherwise, the path under the shared folder when two collide', () => {
  assert.deepEqual(memberNames(['/w/e/member-01/model.json', '/w/e/seed2.json']), ['member-01', 'seed2.json']);
  assert.deepEqual(memberNames(['/w/a/m1/model.json', '/w/b/m1/model.json']), ['a/m1/model.json', 'b/m1/model.json']);
});

test('a pretty-printed member: each entry on its kernel_size value, named by member and layer', () => {
  const [m] = findingsByMember({ members: [member('e/member-03/model.json', 0.1)], findings: STATIC }, ['/w/e/member-03/model.json']);
  const specs = memberSpecs(m!, MEMBER).filter((s) => s.code === 'kernel-not-square');
  assert.equal(specs.length, 2);
  assert.match(specs[0]!.message, /^member-03 · conv1: Kernel is not square: 1×5 kernel/);
  assert.match(specs[1]!.message, /^member-03 · conv2: Kernel is not square: /);
  assert.deepEqual(JSON.parse(MEMBER.slice(specs[0]!.start, specs[0]!.end)), [1, 5]);
  // Line 25 (1-based) as the editor shows it: conv1's kernel_size value.
  assert.equal(specs[0]!.from.line, 24);
  assert.equal(specs[0]!.from.character, MEMBER.split('\n')[24]!.indexOf('['));
});

test("a minified one-line member: the range is the layer's config object, not a token or the whole line", () => {
  const [m] = findingsByMember({ members: [member('e/member-03/model.json', 0.1)], findings: STATIC }, ['/w/e/member-03/model.json']);
  const specs = memberSpecs(m!, MINIFIED).filter((s) => s.code === 'kernel-not-square');
  assert.equal(specs.length, 2);
  for (const [i, name] of ['conv1', 'conv2'].entries()) {
    const s = specs[i]!;
    const config = JSON.parse(MINIFIED.slice(s.start, s.end)) as {
      name: string;
      kernel_size: number[];
    };
    assert.equal(config.name, name);
    assert.deepEqual(config.kernel_size, [1, 5]);
    assert.deepEqual([s.from.line, s.to.line], [0, 0]);
    assert.equal(s.from.character, s.start);
    assert.ok(s.end - s.start < MINIFIED.length / 2, `${name}: ${s.end - s.start} of ${MINIFIED.length} characters`);
  }
  // The exact object: the layer's "config" value in the minified text.
  const conv1 = MINIFIED.indexOf('{', MINIFIED.indexOf('"config":', MINIFIED.indexOf('"class_name":"Conv2D"')));
  assert.equal(specs[0]!.start, conv1);
});

test('an ONNX member: its own findings on the first character, the file never read as text', () => {
  const [m] = findingsByMember(
    {
      members: [member('e/m.onnx', 0.1)],
      findings: [{ ...NAN, member: 'e/m.onnx' }],
    },
    ['/w/e/m.onnx'],
  );
  const specs = memberSpecs(m!, null);
  assert.equal(specs.length, 1);
  assert.deepEqual(
    [specs[0]!.from, specs[0]!.to],
    [
      { line: 0, character: 0 },
      { line: 0, character: 0 },
    ],
  );
  assert.match(specs[0]!.message, /^m\.onnx: Weights contain NaN/);
});

test('AuditDiagnostics: every member of an audited ensemble gets diagnostics though none is open; an open file leaves its architecture findings to the live ones', async () => {
  const names = ['member-01', 'member-02', 'member-03'];
  const files = names.map((n) => join(tmp, 'ens', n, 'model.json'));
  for (const [i, f] of files.entries()) {
    mkdirSync(join(f, '..'), { recursive: true });
    // member-03 is minified: its entries cover each layer's config object.
    writeFileSync(f, i === 2 ? MINIFIED : MEMBER);
  }
  fake.documents = [];
  fake.reads = [];
  const report = {
    ...fakeReport({
      members: names.map((n) => member(`ens/${n}/model.json`, 0.1)),
    }),
    findings: [...STATIC, NAN],
  };
  const problems = new AuditDiagnostics({ with: () => ({}) } as never);
  try {
    await problems.publish(report, files);
    const set = fake.diagnostics.get('equilens-audit')!;
    assert.deepEqual([...set.keys()].sort(), files);
    assert.deepEqual([...fake.reads].sort(), files, 'each closed member file read once, from disk');
    const kernels = (f: string) => set.get(f)!.filter((d) => d.message.includes('Kernel is not square'));
    for (const [i, f] of files.entries()) {
      assert.deepEqual(
        kernels(f).map((d) => d.message.split(':')[0]),
        [`${names[i]} · conv1`, `${names[i]} · conv2`],
      );
      assert.ok(kernels(f).every((d) => d.severity === 0 && d.source === 'EquiLens'));
    }
    assert.equal(kernels(files[0]!)[0]!.range.startLine, 24);
    const minified = kernels(files[2]!)[0]!.range;
    assert.deepEqual([minified.startLine, minified.endLine], [0, 0]);
    assert.equal((JSON.parse(MINIFIED.slice(minified.startCharacter, minified.endCharacter)) as { name: string }).name, 'conv1');
    assert.equal(set.get(files[1]!)!.filter((d) => d.message.startsWith('member-02: Weights contain NaN')).length, 1);

    // Opened: the editor's live analysis shows conv1/conv2; only the audit's own finding stays here.
    fake.documents = [files[1]!];
    documentEvents.open.fire({ uri: { scheme: 'file', fsPath: files[1]! } });
    await until(() => kernels(files[1]!).length === 0);
    assert.deepEqual(
      set.get(files[1]!)!.map((d) => d.message.split(':')[0]),
      ['member-02'],
    );
    // Closed again: the audit's entries come back.
    fake.documents = [];
    documentEvents.close.fire({ uri: { scheme: 'file', fsPath: files[1]! } });
    await until(() => kernels(files[1]!).length === 2);

    // A newer audit of one member replaces that file's entries only.
    await problems.publish(
      {
        ...fakeReport({ members: [member('ens/member-01/model.json', 0.1)] }),
        findings: [],
      },
      [files[0]!],
    );
    assert.equal(set.has(files[0]!), false);
    assert.equal(kernels(files[2]!).length, 2);
  } finally {
    problems.dispose();
  }
});

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok(), 'the diagnostics never changed');
}
