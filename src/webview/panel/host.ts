// Where the panel runs: inside a VS Code webview (acquireVsCodeApi exists) or in a browser
// opening an exported HTML file (the report is embedded; no one to post messages to).
import type { ComputeFromPanel, FromPanel, PanelState } from '../../protocol';
import type { AuditReport } from '../../core/report/types';
import { REPORT_ID, SCRIPT_ID } from '../shell';

export interface PanelHost {
  kind: 'vscode' | 'standalone';
  post(msg: FromPanel | ComputeFromPanel): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Injected by VS Code into webviews; callable once per document.
  function acquireVsCodeApi(): VsCodeApi;
}

/** Feature-detects VS Code; anywhere else the panel is a read-only report viewer. */
export function panelHost(): PanelHost {
  if (typeof globalThis.acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      kind: 'vscode',
      post: (msg) => api.postMessage(msg),
      getState: () => (api.getState() as PanelState | undefined) ?? undefined,
      setState: (state) => api.setState(state),
    };
  }
  return { kind: 'standalone', post: () => {}, getState: () => undefined, setState: () => {} };
}

/** The report an exported HTML file carries, or null in a webview. */
export function embeddedReport(doc: Document): AuditReport | null {
  const text = doc.getElementById(REPORT_ID)?.textContent;
  return text ? (JSON.parse(text) as AuditReport) : null;
}

/** The nonce of the script that loaded us: Plot's <style> elements need it to pass the CSP. */
export function documentNonce(doc: Document): string {
  return (doc.getElementById(SCRIPT_ID) as HTMLScriptElement | null)?.nonce ?? '';
}
