import * as vscode from 'vscode';
import { toPosix } from '../node/nodeFiles';
import { MODEL_FILES_KEY, MODEL_FOLDERS_KEY, modelContext } from './modelContextKeys';
import type { ModelIndex } from './modelIndex';

/**
 * Keeps the `equilens.modelFiles` / `equilens.modelFolders` context keys in step with the model
 * index (and the workspace's .onnx files), so the Explorer offers "Audit Symmetry…" on model files
 * and the folders holding them only. Paths are set as fsPaths: what `resourcePath` holds.
 */
export class ModelContextKeys implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per update: a slow scan finishing after a newer one must not win. */
  private generation = 0;

  constructor(
    private readonly index: ModelIndex,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    const onnx = vscode.workspace.createFileSystemWatcher('**/*.onnx', false, true, false);
    this.disposables.push(
      onnx,
      onnx.onDidCreate(this.soon, this),
      onnx.onDidDelete(this.soon, this),
      index.onDidChange(() => this.soon()),
    );
    void this.update();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 300);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const started = Date.now();
    try {
      const [snapshot, onnx] = await Promise.all([this.index.get(), vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**')]);
      if (generation !== this.generation) return;
      const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => toPosix(f.uri.fsPath));
      const models = [...snapshot.models.map((m) => m.path), ...onnx.filter((u) => u.scheme === 'file').map((u) => toPosix(u.fsPath))];
      const keys = modelContext(models, roots);
      const fsPath = (p: string) => vscode.Uri.file(p).fsPath;
      await vscode.commands.executeCommand('setContext', MODEL_FILES_KEY, keys.files.map(fsPath));
      await vscode.commands.executeCommand('setContext', MODEL_FOLDERS_KEY, keys.folders.map(fsPath));
      this.log?.debug(`models found: ${keys.files.length} file(s) in ${keys.folders.length} folder(s), in ${Date.now() - started} ms`);
    } catch (e) {
      this.log?.error("cannot update the Explorer menus' model list", e);
    }
  }
}
