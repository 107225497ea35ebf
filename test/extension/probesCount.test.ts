// equilens.probesCount means what the CLI's -n means (issue 15.1): unset, 32 synthetic probes or the
// whole probe file; set, a cap on both. The panel and the CLI then audit the same probes.
import '../helpers/fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { after, beforeEach, test } from 'node:test';
import { auditSpec } from '../../src/cli/auditSpec';
import type { AuditOptions } from '../../src/cli/auditOptions';
import { configAuditSpec } from '../../src/core/config/auditSpec';
import type { ResolvedAudit } from '../../src/core/config/types';
import { buildSpec } from '../../src/extension/auditRequest';
import { probesCount, readSettings } from '../../src/extension/settings';
import { fake, memento } from '../helpers/fakeVscode';
import { manifest } from '../helpers/manifest';
import { tempDir } from '../helpers/modelFixtures';

const tmp = tempDir('equilens-probes-count-');
after(() => tmp.cleanup());
const root = realpathSync(tmp.dir);
mkdirSync(`${root}/data`, { recursive: true });
writeFileSync(`${root}/data/p.npy`, '');

beforeEach(() => {
  fake.folders = [root];
  fake.trusted = true;
  fake.settings = { '': {} };
});

const req = { targets: [`${root}/m/model.json`], label: 'm', group: 'c4', output: 'invariant' };
/** What the editor's audit of `req` would ask the engine for, with these workspace settings. */
const editorCount = (settings: Record<string, unknown>) => {
  fake.settings = { '': settings };
  return buildSpec(req, readSettings(memento(), req.targets[0]), { pictures: 0 }).probesCount;
};
/** What `equilens audit` asks for with these options (cli/auditSpec.ts). */
const cliCount = (o: { probes?: string; probesCount?: number }) => auditSpec(['m'], { group: 'c4', output: 'invariant', seed: 0, ...o } as AuditOptions).probesCount;
/** What a config audit asks for (`equilens check`, Check Workspace). */
const configCount = (probes: ResolvedAudit['probes']) => configAuditSpec({ probes, seed: 0 } as ResolvedAudit, root).probesCount;

test('unset: 32 synthetic probes, or every probe of the file, as the CLI and a config audit', () => {
  assert.equal(editorCount({}), 32);
  assert.equal(editorCount({ 'equilens.probes': 'data/p.npy' }), Infinity, 'the whole file, not its first 32');
  // VS Code hands the manifest's default (null) back when nobody set it.
  assert.equal(editorCount({ 'equilens.probesCount': null, 'equilens.probes': 'data/p.npy' }), Infinity);
  assert.equal(cliCount({}), 32);
  assert.equal(cliCount({ probes: 'data/p.npy' }), Infinity);
  assert.equal(configCount({}), 32);
  assert.equal(configCount({ path: 'data/p.npy' }), Infinity);
});

test('set: the count caps synthetic probes and a probe file alike, as -n and probes.count do', () => {
  assert.equal(editorCount({ 'equilens.probesCount': 16 }), 16);
  assert.equal(editorCount({ 'equilens.probesCount': 16, 'equilens.probes': 'data/p.npy' }), 16);
  assert.equal(cliCount({ probesCount: 16, probes: 'data/p.npy' }), 16);
  assert.equal(configCount({ path: 'data/p.npy', count: 16 }), 16);
});

test('an invalid count is ignored: the default for the probe source', () => {
  for (const bad of [0, -3, 2.5, '8', Number.NaN]) {
    assert.equal(probesCount(bad as number, undefined), 32, String(bad));
    assert.equal(probesCount(bad as number, '/w/p.npy'), Infinity, String(bad));
  }
});

test("the manifest: no default count (null), documented as the CLI's default", () => {
  const props = (manifest as { contributes: { configuration: { properties: Record<string, { default: unknown; type: unknown }> } } }).contributes.configuration.properties;
  const prop = props['equilens.probesCount']!;
  assert.equal(prop.default, null);
  assert.deepEqual(prop.type, ['integer', 'null']);
});
