// From a request and the settings to the engine's spec, and from a report back to model paths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSpec, isAbsolute, memberPaths, panelTitle, type AuditRequest } from '../../src/extension/auditRequest';
import { checkOutput } from '../../src/extension/choices';
import { exportFileName, renderExport } from '../../src/extension/exportFormats';
import { fakeReport, member } from './fixtures';

const req: AuditRequest = { targets: ['/w/ens/m1/model.json', '/w/ens/m2/model.json'], label: 'ens', group: 'c4', output: 'invariant' };

test('spec: targets, group and output from the request; probes, seed and batch from the settings; pictures for panels', () => {
  const spec = buildSpec(req, { probes: '/w/p.npy', probesCount: 16, seed: 3, batchSize: 8, backend: 'wasm' }, { displayBase: '/w', pictures: 3 });
  assert.deepEqual(spec, {
    targets: req.targets,
    group: 'c4',
    output: 'invariant',
    probes: '/w/p.npy',
    probesCount: 16,
    seed: 3,
    batchSize: 8,
    pictures: 3,
    displayBase: '/w',
  });
  assert.equal(buildSpec(req, { probes: undefined, probesCount: 32, seed: 0, batchSize: 32, backend: 'auto' }, { pictures: 0 }).probes, undefined);
});

test('spec: equilens.inputLayout reaches the engine; auto is left to it', () => {
  const base = { probes: undefined, probesCount: 32, seed: 0, batchSize: undefined, backend: 'auto' as const };
  assert.equal(buildSpec(req, { ...base, inputLayout: 'nchw' }, { pictures: 0 }).inputLayout, 'nchw');
  assert.ok(!('inputLayout' in buildSpec(req, { ...base, inputLayout: 'auto' }, { pictures: 0 })));
});

test('panel titles name the targets, the group and a non-default output', () => {
  assert.equal(panelTitle(req), 'EquiLens: ens · C4');
  assert.equal(panelTitle({ ...req, group: 'flip-h', output: 'classes:flip-h=1,0,2' }), 'EquiLens: ens · flip-h · classes:flip-h=1,0,2');
});

test("member paths: relative report paths resolve against the audit's workspace folder", () => {
  const report = fakeReport({ members: [member('ens/m1/model.json', 0.1), member('/elsewhere/m.json', 0.2)] });
  assert.deepEqual(memberPaths(report, '/w'), ['/w/ens/m1/model.json', '/elsewhere/m.json']);
  assert.deepEqual(memberPaths(fakeReport({ members: [member('C:/w/m.json', 0.1)] }), 'C:/w'), ['C:/w/m.json']);
  assert.deepEqual(memberPaths(fakeReport({ members: [member('m.json', 0.1)] }), 'C:/w'), ['C:/w/m.json']);
  assert.ok(isAbsolute('/a') && isAbsolute('c:/a') && !isAbsolute('a/b'));
});

test('output representations typed by hand: the three forms pass, anything else is refused with why', () => {
  for (const ok of ['invariant', 'same', 'classes:flip-h=1,0,2', 'same;flip-h=1,0', 'points:yxs;flip-h=0,2,1']) assert.equal(checkOutput(ok), null);
  for (const bad of ['', 'classes:', 'inv', 'classes: x', 'same;', 'points:']) assert.match(checkOutput(bad) ?? '', /expected/);
});

test('exports: JSON is the CLI file, Markdown the core renderer, HTML the standalone panel with the report inside', () => {
  const report = fakeReport();
  assert.deepEqual(JSON.parse(renderExport(report, 'json', () => assert.fail('no assets for JSON'))), report);
  assert.match(
    renderExport(report, 'md', () => assert.fail('no assets for Markdown')),
    /\| member \|/,
  );
  const html = renderExport(report, 'html', () => ({ script: 'console.log(1)\n//# sourceMappingURL=panel.js.map\n', css: 'body{}' }));
  assert.match(html, /<script type="application\/json" id="equilens-report">/);
  assert.match(html, /console\.log\(1\)/);
  assert.doesNotMatch(html, /sourceMappingURL/);
  assert.equal(exportFileName('examples/compatible augmented', 'c4', 'html'), 'equilens-examples-compatible-augmented-c4.html');
});
