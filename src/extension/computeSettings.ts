import * as vscode from 'vscode';
import type { ComputeSetting, WebBackendChoice } from '../protocol';

const PLACES: readonly ComputeSetting[] = ['auto', 'extensionHost', 'webview'];
const WEB_BACKENDS: readonly WebBackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface ComputeSettings {
  compute: ComputeSetting;
  webviewBackend: WebBackendChoice;
  /** Folders searched for tfjs-node(-gpu) after our own node_modules; trusted workspaces only. */
  nativePaths: string[];
}

/** equilens.compute, equilens.webviewBackend and equilens.tfjsNodePath, with unknown values read as defaults. */
export function readComputeSettings(): ComputeSettings {
  const cfg = vscode.workspace.getConfiguration('equilens');
  const compute = cfg.get<string>('compute', 'auto');
  const web = cfg.get<string>('webviewBackend', 'auto');
  const configured = cfg.get<string>('tfjsNodePath', '').trim();
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  return {
    compute: (PLACES as readonly string[]).includes(compute) ? (compute as ComputeSetting) : 'auto',
    webviewBackend: (WEB_BACKENDS as readonly string[]).includes(web) ? (web as WebBackendChoice) : 'auto',
    nativePaths: vscode.workspace.isTrusted ? [...(configured ? [configured] : []), ...folders] : [],
  };
}
