// Runs inside VS Code's extension host (bundled by ../run.ts). Plain asserts: a throw fails the run.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/commands/ids';

const IDS = [
  CommandId.AuditSymmetry,
  CommandId.AuditModel,
  CommandId.AuditEnsemble,
  CommandId.AuditAll,
  CommandId.OpenLastReport,
  CommandId.ExportReport,
  CommandId.SelectProbes,
  CommandId.RefreshModels,
  CommandId.AuditTreeItem,
];

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('equilens.equilens');
  assert.ok(ext, 'equilens.equilens is not loaded');
  await ext.activate();

  const commands = new Set(await vscode.commands.getCommands(true));
  for (const id of IDS) assert.ok(commands.has(id), `${id} is not registered`);

  // The model file has no telling name: the CodeLens finds it by content.
  const model = vscode.Uri.file(process.env.EQUILENS_TEST_MODEL!);
  await vscode.window.showTextDocument(model);
  const titles = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', model)) ?? []).map((l) => l.command?.title);
  assert.ok((await titles()).includes('Audit symmetry'), `lenses: ${JSON.stringify(await titles())}`);

  // A real audit in the worker; its result comes back as the second lens.
  await vscode.commands.executeCommand(CommandId.AuditModel, model);
  const after = await titles();
  assert.ok(
    after.some((t) => t !== undefined && /^C4 · relError \d+\.\d %$/.test(t)),
    `lenses after the audit: ${JSON.stringify(after)}`,
  );
}
