// package.json's contributions agree with the code: command ids and titles, groups, settings, trust.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { GROUP_NAMES } from '../../src/core/groups/makeGroup';
import { GROUP_CHOICES } from '../../src/extension/choices';
import { CommandId } from '../../src/extension/commands/ids';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

/** `satisfies Record<CommandId, …>`: the type check fails when a command id is left out here. */
const TITLES = {
  [CommandId.AuditSymmetry]: 'Audit Symmetry…',
  [CommandId.AuditModel]: 'Audit Model…',
  [CommandId.AuditEnsemble]: 'Audit Ensemble…',
  [CommandId.AuditAll]: 'Audit All Models in Workspace',
  [CommandId.OpenLastReport]: 'Open Last Report',
  [CommandId.ExportReport]: 'Export Report',
  [CommandId.SelectProbes]: 'Select Probes…',
  [CommandId.RefreshModels]: 'Refresh Models',
  [CommandId.AuditTreeItem]: 'Audit',
} satisfies Record<CommandId, string>;

test('every CommandId is contributed with its title in the EquiLens category, and nothing else is', () => {
  const contributed = (pkg.contributes.commands as { command: string; title: string; category: string }[]).map((c) => [c.command, c.title, c.category]);
  assert.deepEqual(contributed.sort(), Object.entries(TITLES).map(([id, title]) => [id, title, 'EquiLens']).sort());
});

test('menus name only contributed commands; Audit Symmetry… is on model JSON files and folders', () => {
  const ids = new Set(Object.keys(TITLES));
  const menus = pkg.contributes.menus as Record<string, { command: string; when?: string }[]>;
  for (const [menu, items] of Object.entries(menus)) for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command}`);
  const explorer = menus['explorer/context']!.find((m) => m.command === CommandId.AuditSymmetry);
  assert.match(explorer?.when ?? '', /explorerResourceIsFolder/);
  assert.match(explorer?.when ?? '', /resourceExtname == \.json/);
});

test('the tree view, the panel serializer activation and the JSON CodeLens activation are declared', () => {
  assert.deepEqual(pkg.contributes.views.explorer.map((v: { id: string; name: string }) => [v.id, v.name]), [['equilens.models', 'Models & Ensembles']]);
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:equilens.report'));
  assert.ok(pkg.activationEvents.includes('onLanguage:json'));
});

test('group choices: the quick pick and the setting list exactly the groups the core builds', () => {
  assert.deepEqual(GROUP_CHOICES.map((g) => g.name), [...GROUP_NAMES]);
  const group = pkg.contributes.configuration.properties['equilens.group'];
  assert.deepEqual(group.enum, [...GROUP_NAMES]);
  assert.equal(group.enumDescriptions.length, GROUP_NAMES.length);
});

test('settings: each documented, with the defaults the CLI uses', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  const defaults = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.default]));
  assert.deepEqual(defaults, {
    'equilens.group': 'c4',
    'equilens.output': 'invariant',
    'equilens.probes': '',
    'equilens.probesCount': 32,
    'equilens.seed': 0,
    'equilens.batchSize': 32,
    'equilens.backend': 'auto',
  });
  for (const [k, v] of Object.entries(props)) assert.ok((v.markdownDescription ?? v.description ?? '').length > 20, `${k} is undocumented`);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.backend'].enum, ['auto', 'tensorflow', 'wasm', 'cpu']);
});

test('restricted mode: limited support, equilens.backend only from user settings', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['equilens.backend']);
});
