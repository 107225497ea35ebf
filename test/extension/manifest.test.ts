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
  [CommandId.CopyAugmentationSnippet]: 'Copy Augmentation Snippet…',
  // Public contracts (issue 6): 'EquiLens: Check Workspace', 'EquiLens: Check Changed Models'.
  [CommandId.CheckWorkspace]: 'Check Workspace',
  [CommandId.CheckChangedModels]: 'Check Changed Models',
  [CommandId.ShowFix]: 'Show Fix',
  [CommandId.OpenModelReport]: 'Open Report for Model',
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

test('the palette hides the commands that need a code action\'s or tree item\'s argument, and offers Copy Augmentation Snippet…', () => {
  const hidden = (pkg.contributes.menus.commandPalette as { command: string; when?: string }[]).filter((m) => m.when === 'false').map((m) => m.command);
  assert.deepEqual(hidden.sort(), [CommandId.AuditTreeItem, CommandId.OpenModelReport, CommandId.ShowFix].sort());
  assert.ok(!hidden.includes(CommandId.CopyAugmentationSnippet));
});

test('Check Workspace and Check Changed Models are in the palette whenever a folder is open, and in the tree\'s title menu', () => {
  const palette = pkg.contributes.menus.commandPalette as { command: string; when?: string }[];
  const titleMenu = pkg.contributes.menus['view/title'] as { command: string; when?: string }[];
  for (const id of [CommandId.CheckWorkspace, CommandId.CheckChangedModels]) {
    assert.equal(palette.find((m) => m.command === id)?.when, 'workspaceFolderCount > 0', id);
    assert.equal(titleMenu.find((m) => m.command === id)?.when, 'view == equilens.models', id);
  }
  // Config errors show without opening the file: the extension starts where a config exists.
  assert.ok(pkg.activationEvents.includes('workspaceContains:equilens.config.json'));
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
  // equilens.limits.* are checked against DEFAULT_LIMITS in test/extension/limitSettings.test.ts.
  const defaults = Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith('equilens.limits.')).map(([k, v]) => [k, v.default]));
  assert.deepEqual(defaults, {
    'equilens.group': 'c4',
    'equilens.output': 'invariant',
    'equilens.probes': '',
    'equilens.probesCount': 32,
    'equilens.seed': 0,
    'equilens.batchSize': 0,
    'equilens.backend': 'auto',
    'equilens.compute': 'auto',
    'equilens.webviewBackend': 'auto',
    'equilens.tfjsNodePath': '',
  });
  for (const [k, v] of Object.entries(props)) assert.ok((v.markdownDescription ?? v.description ?? '').length > 20, `${k} is undocumented`);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.backend'].enum, ['auto', 'tensorflow', 'wasm', 'cpu']);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.compute'].enum, ['auto', 'extensionHost', 'webview']);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.webviewBackend'].enum, ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
});

test('restricted mode: limited support, native-code settings only from user settings', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['equilens.backend', 'equilens.tfjsNodePath']);
});
