import * as vscode from 'vscode';
import type { Fix } from '../../core/advice/types';
import { fixMarkdown } from './fixMarkdown';
import type { FixOrigin } from './fixSet';

/** Scheme of the read-only fix documents: nothing to save, nothing left dirty on close. */
export const FIX_SCHEME = 'equilens-fix';

/** Fixes as read-only Markdown documents, shown in VS Code's Markdown preview. */
export class FixPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Page text by URI; one page per fix id, rewritten when the fix is shown again (a newer audit). */
  private readonly pages = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(FIX_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.toString()) ?? '# EquiLens\n\nThis fix is no longer available: use the light bulb on the finding again.';
  }

  /** Opens `fix` in the Markdown preview, to the side of the model JSON. */
  async show(fix: Fix, origin: FixOrigin): Promise<void> {
    // The file name is the preview's tab title; '/' would make it a folder.
    const uri = vscode.Uri.from({ scheme: FIX_SCHEME, path: `/EquiLens fix - ${fix.id.replace(/[/\\:]/g, ' ')}.md` });
    const key = uri.toString();
    const known = this.pages.has(key);
    this.pages.set(key, fixMarkdown(fix, origin));
    if (known) this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
