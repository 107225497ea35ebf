import * as vscode from 'vscode';
import { CONFIG_FILE, loadConfigText, type LoadedConfig } from '../../core/config';
import { toPosix } from '../../node/nodeFiles';
import { configDiagnosticSpecs, isWorkspaceConfig, type LineChar } from './configErrors';
import { KeyedDebounce } from './liveUpdate';

/** Quiet time after the last keystroke before the config is checked again (as for model JSONs). */
const TYPING_PAUSE_MS = 400;

/**
 * Errors of each workspace folder's equilens.config.json in the Problems panel, at the exact
 * place the loader names: from the editor's text while it is open (on open, on save, and while
 * typing, debounced), from the file on disk otherwise (at start, and when it changes on disk).
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('equilens-config');
  private readonly typing = new KeyedDebounce<vscode.TextDocument>(TYPING_PAUSE_MS);
  private readonly disposables: vscode.Disposable[] = [this.collection, this.typing];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    this.disposables.push(
      watcher,
      vscode.workspace.onDidOpenTextDocument((d) => this.fromDocument(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.fromDocument(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.isConfig(e.document.uri)) this.typing.schedule(e.document, () => this.fromDocument(e.document));
      }),
      // Unsaved edits are gone once the editor closes: what counts again is the file.
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.typing.cancel(d);
        if (this.isConfig(d.uri)) void this.fromDisk(d.uri);
      }),
      watcher.onDidCreate((u) => this.onDisk(u)),
      watcher.onDidChange((u) => this.onDisk(u)),
      watcher.onDidDelete((u) => this.collection.delete(u)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.checkAll()),
    );
    this.checkAll();
  }

  /** Loads config text and publishes its errors on `uri` (an empty list clears them). */
  publish(uri: vscode.Uri, text: string): LoadedConfig {
    const loaded = loadConfigText(text);
    this.collection.set(
      uri,
      configDiagnosticSpecs(text, loaded.errors).map((s) => {
        const d = new vscode.Diagnostic(new vscode.Range(pos(s.start), pos(s.end)), s.message, vscode.DiagnosticSeverity.Error);
        d.source = 'EquiLens';
        if (s.path) d.code = s.path;
        return d;
      }),
    );
    return loaded;
  }

  /** The config's text as the user sees it: the open editor's (saved or not), else the file; null when there is none. */
  async text(uri: vscode.Uri): Promise<string | null> {
    const open = this.openDocument(uri);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private isConfig(uri: vscode.Uri): boolean {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => toPosix(f.uri.fsPath));
    return uri.scheme === 'file' && isWorkspaceConfig(toPosix(uri.fsPath), folders);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
  }

  private fromDocument(doc: vscode.TextDocument): void {
    this.typing.cancel(doc);
    if (!doc.isClosed && this.isConfig(doc.uri)) this.publish(doc.uri, doc.getText());
  }

  // An open editor's text wins over the file (it may hold unsaved edits).
  private onDisk(uri: vscode.Uri): void {
    if (!this.openDocument(uri)) void this.fromDisk(uri);
  }

  private async fromDisk(uri: vscode.Uri): Promise<void> {
    if (!this.isConfig(uri)) return;
    const text = await this.text(uri);
    if (text === null) this.collection.delete(uri);
    else this.publish(uri, text);
  }

  private checkAll(): void {
    this.collection.clear();
    for (const f of vscode.workspace.workspaceFolders ?? []) void this.fromDisk(vscode.Uri.joinPath(f.uri, CONFIG_FILE));
  }
}

function pos(p: LineChar): vscode.Position {
  return new vscode.Position(p.line, p.character);
}
