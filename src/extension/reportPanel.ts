import * as vscode from 'vscode';
import type { ComputeFromPanel, ComputeToPanel, FromPanel, PanelState, ToPanel } from '../protocol';
import { panelHtml, randomNonce } from '../webview/shell';
import { parseComputeFromPanel } from './computeMessages';
import { readComputeSettings } from './computeSettings';
import { findOnnxWeb } from './onnxWeb';
import { parseFromPanel } from './panelMessages';
import { applyToPanel } from './panelState';

/** What the panel's buttons ask of its owner ('ready' the panel answers itself). */
export type PanelRequest = Exclude<FromPanel, { kind: 'ready' }>;

/**
 * One report webview. It keeps the PanelState its messages add up to, so a webview that loads
 * (first show, shown again after being hidden, restored after a reload) gets the whole picture
 * when it says 'ready'. It owns its disposables.
 */
export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'equilens.report';
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private readyWaiters: ((ready: boolean) => void)[] = [];
  private readonly computeEvents = new vscode.EventEmitter<ComputeFromPanel>();
  private readonly disposeEvents = new vscode.EventEmitter<void>();
  /** Messages for an audit running in this webview (webviewCompute.ts listens). */
  readonly onCompute = this.computeEvents.event;
  readonly onDidDispose = this.disposeEvents.event;

  /** Opens a new panel beside the editor. */
  static create(extensionUri: vscode.Uri, state: PanelState, onRequest: (r: PanelRequest) => void, onDispose: () => void): ReportPanel {
    const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, state.title, vscode.ViewColumn.Beside, {
      ...ReportPanel.webviewOptions(extensionUri),
      enableFindWidget: true,
      // An audit may run inside this webview (equilens.compute): hiding the tab must not stop it.
      retainContextWhenHidden: true,
    });
    return new ReportPanel(panel, extensionUri, state, onRequest, onDispose);
  }

  /**
   * Scripts on; files from dist/webview and media, and from the workspace folders, which an audit
   * running in the webview reads its models from (fetch under the CSP's connect-src).
   */
  static webviewOptions(extensionUri: vscode.Uri, onnxWeb = ReportPanel.findOnnxWeb(extensionUri)): vscode.WebviewOptions {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
    // onnxruntime-web's dist/ folder only (not its package), when installed: ONNX members in the webview.
    const ort = onnxWeb ? [vscode.Uri.file(onnxWeb)] : [];
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media'), ...folders, ...ort],
    };
  }

  /** onnxruntime-web's dist/ folder as the settings find it now (see onnxWeb.ts), or null. */
  static findOnnxWeb(extensionUri: vscode.Uri): string | null {
    return findOnnxWeb(extensionUri.fsPath, readComputeSettings().onnxPaths);
  }

  /** onnxruntime-web's folder this webview may load (fixed when the document is set), or null. */
  readonly onnxWeb: string | null;

  /** Wraps a panel VS Code created (or restored): sets its options and document. */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private state: PanelState,
    private readonly onRequest: (r: PanelRequest) => void,
    private readonly onDispose: () => void,
  ) {
    const webview = panel.webview;
    this.onnxWeb = ReportPanel.findOnnxWeb(extensionUri);
    webview.options = ReportPanel.webviewOptions(extensionUri, this.onnxWeb);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.title = state.title;
    webview.html = panelHtml({
      nonce: randomNonce(),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
      title: state.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      this.computeEvents,
      this.disposeEvents,
    );
  }

  get current(): PanelState {
    return this.state;
  }

  get active(): boolean {
    return this.panel.active;
  }

  /** Updates the state and, when the webview listens, the webview. */
  send(m: ToPanel): void {
    if (this.disposed) return;
    this.state = applyToPanel(this.state, m);
    this.panel.title = this.state.title;
    if (this.ready) void this.panel.webview.postMessage(m);
  }

  get webview(): vscode.Webview {
    return this.panel.webview;
  }

  /** True once the webview has loaded and said 'ready' (at once when it has); false if the panel closes first. */
  whenReady(): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    return this.ready ? Promise.resolve(true) : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** A message for the compute side of the webview; dropped before 'ready' (callers await whenReady). */
  postCompute(m: ComputeToPanel): void {
    if (!this.disposed && this.ready) void this.panel.webview.postMessage(m);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEvents.fire();
    for (const resolve of this.readyWaiters.splice(0)) resolve(false);
    this.onDispose();
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private receive(raw: unknown): void {
    const c = parseComputeFromPanel(raw);
    if (c) return this.computeEvents.fire(c);
    const m = parseFromPanel(raw);
    if (!m) return; // not ours, or malformed: never acted on
    if (m.kind === 'ready') {
      this.ready = true;
      void this.panel.webview.postMessage({ kind: 'state', state: this.state } satisfies ToPanel);
      for (const resolve of this.readyWaiters.splice(0)) resolve(true);
    } else {
      this.onRequest(m);
    }
  }
}
