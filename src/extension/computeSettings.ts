import * as vscode from 'vscode';
import type { ComputeSetting, WebBackendChoice } from '../protocol';

const PLACES: readonly ComputeSetting[] = ['auto', 'extensionHost', 'webview'];
const WEB_BACKENDS: readonly WebBackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface ComputeSettings {
  compute: ComputeSetting;
  webviewBackend: WebBackendChoice;
  /** Folders searched for tfjs-node(-gpu) after our own node_modules: the user's equilens.tfjsNodePath, trusted workspaces only. */
  nativePaths: string[];
  /** Folders searched for onnxruntime-node after our own: the user's equilens.onnxRuntimePath, trusted workspaces only. */
  onnxPaths: string[];
  /** equilens.workers from the user's settings: member-parallel worker threads (undefined: every core, see runAuditPool). */
  workers: number | undefined;
}

/** equilens.compute, equilens.webviewBackend, the native-code paths and equilens.workers, with unknown values read as defaults. */
export function readComputeSettings(): ComputeSettings {
  const cfg = vscode.workspace.getConfiguration('equilens');
  const compute = cfg.get<string>('compute', 'auto');
  const web = cfg.get<string>('webviewBackend', 'auto');
  // Native code from a path the workspace names would run the repository's code: only the user's
  // (machine-scoped) value counts, and the workspace folders' own node_modules are never searched.
  const configured = (cfg.inspect<string>('tfjsNodePath')?.globalValue ?? '').trim();
  const onnx = (cfg.inspect<string>('onnxRuntimePath')?.globalValue ?? '').trim();
  // Machine-scoped: threads are the user's to give, never a repository's settings'.
  const workers = cfg.inspect<number | null>('workers')?.globalValue;
  return {
    compute: (PLACES as readonly string[]).includes(compute) ? (compute as ComputeSetting) : 'auto',
    webviewBackend: (WEB_BACKENDS as readonly string[]).includes(web) ? (web as WebBackendChoice) : 'auto',
    nativePaths: vscode.workspace.isTrusted && configured ? [configured] : [],
    onnxPaths: vscode.workspace.isTrusted && onnx ? [onnx] : [],
    workers: typeof workers === 'number' && Number.isInteger(workers) && workers >= 1 ? workers : undefined,
  };
}
