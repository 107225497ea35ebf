// package.json's contributions agree with the code: command ids and titles, groups, settings, trust.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { GROUP_NAMES, isGroupName } from '../../src/core/groups/makeGroup';
import { GROUP_CHOICES, TYPED_GROUP } from '../../src/extension/choices';
import { CommandId } from '../../src/extension/commands/ids';
import { OUTPUT_KIND_CHOICES } from '../../src/core/stats/types';
import { REPOSITORY_URL, README_URL } from '../../src/core/ci/rules';
import { ROOT } from '../helpers/cli';
import { manifest as pkg, nlsKeys, nlsStrings, rawManifest } from '../helpers/manifest';

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
  [CommandId.AuditExample]: 'Audit the Bundled Example',
} satisfies Record<CommandId, string>;

test('every CommandId is contributed with its title in the EquiLens category, and nothing else is', () => {
  const contributed = (pkg.contributes.commands as { command: string; title: string; category: string }[]).map((c) => [c.command, c.title, c.category]);
  assert.deepEqual(
    contributed.sort(),
    Object.entries(TITLES)
      .map(([id, title]) => [id, title, 'EquiLens'])
      .sort(),
  );
});

test('menus name only contributed commands; Audit Symmetry… is on model files and folders holding models only', () => {
  const ids = new Set(Object.keys(TITLES));
  const menus = pkg.contributes.menus as Record<string, { command: string; when?: string }[]>;
  for (const [menu, items] of Object.entries(menus)) for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command}`);
  const explorer = menus['explorer/context']!.filter((m) => m.command === CommandId.AuditSymmetry);
  assert.equal(explorer.length, 1);
  // The context keys ModelContextKeys sets (src/extension/modelContext.ts): model JSONs are known by content, .onnx by name.
  assert.equal(explorer[0]!.when, 'resourceScheme == file && (resourcePath in equilens.modelFiles || resourceExtname == .onnx || explorerResourceIsFolder && resourcePath in equilens.modelFolders)');
  assert.doesNotMatch(explorer[0]!.when, /resourceExtname == \.json/, 'not on every JSON file');
});

test("the palette hides the commands that need a code action's or tree item's argument, and offers Copy Augmentation Snippet…", () => {
  const hidden = (pkg.contributes.menus.commandPalette as { command: string; when?: string }[]).filter((m) => m.when === 'false').map((m) => m.command);
  assert.deepEqual(hidden.sort(), [CommandId.AuditTreeItem, CommandId.OpenModelReport, CommandId.ShowFix].sort());
  assert.ok(!hidden.includes(CommandId.CopyAugmentationSnippet));
});

test("Check Workspace and Check Changed Models are in the palette whenever a folder is open, and in the tree's title menu", () => {
  const palette = pkg.contributes.menus.commandPalette as { command: string; when?: string }[];
  const titleMenu = pkg.contributes.menus['view/title'] as { command: string; when?: string }[];
  for (const id of [CommandId.CheckWorkspace, CommandId.CheckChangedModels]) {
    assert.equal(palette.find((m) => m.command === id)?.when, 'workspaceFolderCount > 0', id);
    assert.equal(titleMenu.find((m) => m.command === id)?.when, 'view == equilens.models', id);
  }
  // Config errors show without opening the file: the extension starts where a config exists.
  assert.ok(pkg.activationEvents.includes('workspaceContains:**/equilens.config.json'));
});

test('activation: where models or a config are, for the panel serializer, and implicitly on commands and views; never on every JSON file', () => {
  assert.deepEqual(
    pkg.contributes.views.explorer.map((v: { id: string; name: string }) => [v.id, v.name]),
    [['equilens.models', 'Models & Ensembles']],
  );
  assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:equilens.report', 'workspaceContains:**/model.json', 'workspaceContains:**/*.onnx', 'workspaceContains:**/equilens.config.json']);
  // onCommand:/onView: events are implicit for contributed commands and views from VS Code 1.74 on.
  const [major, minor] = /^\^(\d+)\.(\d+)\./.exec(pkg.engines.vscode)!.slice(1).map(Number) as [number, number];
  assert.ok(major > 1 || minor >= 74, `engines.vscode ${pkg.engines.vscode} predates implicit activation events`);
  assert.ok(!pkg.activationEvents.some((e: string) => e.startsWith('onLanguage:') || e === '*' || e === 'onStartupFinished'));
  assert.deepEqual(pkg.extensionKind, ['workspace']);
});

test('group choices: the quick pick and the setting list exactly the groups the core builds', () => {
  // The quick pick then offers continuous rotation groups and a free-text entry (rot:<n>, dih:<n>, so2:<m>);
  // the setting lists the fixed names (a picked rot:<n> is remembered as the last group).
  assert.deepEqual(
    GROUP_CHOICES.slice(0, GROUP_NAMES.length).map((g) => g.name),
    [...GROUP_NAMES],
  );
  for (const g of GROUP_CHOICES.slice(GROUP_NAMES.length, -1)) assert.ok(isGroupName(g.name), g.name);
  assert.equal(GROUP_CHOICES.at(-1)!.name, TYPED_GROUP);
  const group = pkg.contributes.configuration.properties['equilens.group'];
  assert.deepEqual(group.enum, [...GROUP_NAMES]);
  assert.equal(group.enumDescriptions.length, GROUP_NAMES.length);
});

test('settings: each documented, with the defaults the CLI uses', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  // equilens.limits.* are checked against DEFAULT_LIMITS in test/extension/limitSettings.test.ts.
  const defaults = Object.fromEntries(
    Object.entries(props)
      .filter(([k]) => !k.startsWith('equilens.limits.'))
      .map(([k, v]) => [k, v.default]),
  );
  assert.deepEqual(defaults, {
    'equilens.group': 'c4',
    'equilens.output': 'invariant',
    'equilens.outputKind': 'auto',
    'equilens.inputLayout': 'auto',
    'equilens.probes': '',
    // Unset: the CLI's default (32 synthetic probes, or the whole probe file).
    'equilens.probesCount': null,
    'equilens.seed': 0,
    'equilens.batchSize': 0,
    'equilens.backend': 'auto',
    'equilens.compute': 'auto',
    'equilens.webviewBackend': 'auto',
    'equilens.tfjsNodePath': '',
    'equilens.onnxRuntimePath': '',
    // Unset: the CLI's --workers default, every core.
    'equilens.workers': null,
  });
  for (const [k, v] of Object.entries(props)) assert.ok((v.markdownDescription ?? v.description ?? '').length > 20, `${k} is undocumented`);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.backend'].enum, ['auto', 'tensorflow', 'wasm', 'cpu']);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.outputKind'].enum, [...OUTPUT_KIND_CHOICES]);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.compute'].enum, ['auto', 'extensionHost', 'webview']);
  assert.deepEqual(pkg.contributes.configuration.properties['equilens.webviewBackend'].enum, ['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
});

test('restricted mode: limited support, native-code settings only from user settings; no virtual workspaces', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.match(pkg.capabilities.untrustedWorkspaces.description, /trusted workspaces/);
  // Models are read from disk and audited in Node worker threads: a virtual (non-file) workspace has nothing to audit.
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  assert.ok(pkg.capabilities.virtualWorkspaces.description.length > 20);
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['equilens.backend', 'equilens.tfjsNodePath', 'equilens.onnxRuntimePath']);
});

test('setting scopes: native-code paths per machine, how audits run per window, everything about a model per folder', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
  const scopes = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.scope]));
  // Threads are the machine's to give: a repository's settings cannot start more.
  for (const k of ['equilens.tfjsNodePath', 'equilens.onnxRuntimePath', 'equilens.workers']) assert.equal(scopes[k], 'machine', k);
  for (const k of ['equilens.backend', 'equilens.compute', 'equilens.webviewBackend']) assert.equal(scopes[k], 'window', k);
  const perFolder = ['group', 'output', 'outputKind', 'inputLayout', 'probes', 'probesCount', 'seed', 'batchSize'].map((k) => `equilens.${k}`);
  for (const k of [...perFolder, ...Object.keys(props).filter((k) => k.startsWith('equilens.limits.'))]) assert.equal(scopes[k], 'resource', k);
  // Every setting has a scope: none left to the default by accident.
  assert.deepEqual(
    Object.entries(scopes).filter(([, v]) => v === undefined),
    [],
  );
});

test('walkthrough: three steps with their Markdown media shipped and a command link each', () => {
  const [walk, ...more] = pkg.contributes.walkthroughs as {
    id: string;
    title: string;
    steps: { id: string; title: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[];
  }[];
  assert.equal(more.length, 0);
  assert.equal(walk!.id, 'equilens.gettingStarted');
  assert.deepEqual(
    walk!.steps.map((s) => s.id),
    ['auditExample', 'readReport', 'ciCheck'],
  );
  const ids = new Set(Object.keys(TITLES));
  for (const step of walk!.steps) {
    assert.ok(step.media.markdown && existsSync(join(ROOT, step.media.markdown)), `${step.id}: ${step.media.markdown} exists`);
    assert.ok(
      pkg.files.some((f: string) => step.media.markdown!.startsWith(`${f}/`)),
      `${step.media.markdown} is in the VSIX`,
    );
    const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!);
    assert.ok(linked.length >= 1 && linked.every((c) => ids.has(c)), `${step.id} links ${linked}`);
    for (const e of step.completionEvents ?? []) assert.ok(ids.has(e.replace(/^onCommand:/, '')), e);
  }
  // The first step audits the example the VSIX ships (src/extension/commands/auditExample.ts).
  assert.ok(pkg.files.includes('examples/compatible-augmented'));
  assert.ok(existsSync(join(ROOT, 'examples', 'compatible-augmented', 'member-01', 'model.json')));
});

test('localisation: every %key% has an English text in package.nls.json, and every text is used', () => {
  const used = nlsKeys(rawManifest);
  assert.ok(used.length > 50, `${used.length} localised strings`);
  assert.deepEqual(
    used.filter((k) => !(k in nlsStrings)),
    [],
    'keys without a text',
  );
  assert.deepEqual(
    Object.keys(nlsStrings).filter((k) => !used.includes(k)),
    [],
    'texts no key uses',
  );
  for (const [k, v] of Object.entries(nlsStrings)) assert.ok(typeof v === 'string' && v.trim().length > 0 && !/^%.*%$/.test(v), k);
  // Command titles, setting descriptions and the walkthrough are all localised.
  for (const c of rawManifest.contributes.commands) assert.match(c.title, /^%.+%$/, c.command);
  for (const [k, v] of Object.entries(rawManifest.contributes.configuration.properties as Record<string, { markdownDescription?: string }>)) assert.match(v.markdownDescription ?? '', /^%.+%$/, k);
  assert.ok(rawManifest.files.includes('package.nls.json'));
});

test('repository, homepage and bugs name the repository the SARIF help links point into', () => {
  assert.equal(pkg.repository.url, `${REPOSITORY_URL}.git`);
  assert.equal(pkg.homepage, `${REPOSITORY_URL}#readme`);
  assert.equal(pkg.bugs.url, `${REPOSITORY_URL}/issues`);
  assert.ok(README_URL.startsWith(`${REPOSITORY_URL}/`));
  // vsce no longer needs to be told the repository is missing; relative README links are rewritten against it.
  assert.doesNotMatch(pkg.scripts.package, /--allow-missing-repository|--no-rewrite-relative-links/);
  assert.ok(existsSync(join(ROOT, 'CHANGELOG.md')) && pkg.files.includes('CHANGELOG.md'));
});
