import type { AdapterInfo, ComputeSetting } from '../protocol';

/** Where an audit runs, and the sentence the report gives for it. */
export interface Place {
  place: 'webview' | 'extensionHost';
  reason: string;
}

export interface PlaceFacts {
  setting: ComputeSetting;
  /** A remote workspace (SSH, WSL, containers): the webview's GPU is on another machine than the files. */
  remote: boolean;
  /** tfjs-node-gpu would load in the worker (trusted workspace, installed). */
  nativeGpu: boolean;
  /** The audit's files lie where the webview may read them (workspace folders). */
  reachable: boolean;
  /** The webview's answer to 'detectAdapter'; undefined when it was not asked. */
  adapter?: AdapterInfo | null;
}

/** True when `auto` cannot decide without asking the webview for its GPU. */
export function needsAdapter(f: Omit<PlaceFacts, 'adapter'>): boolean {
  return f.setting === 'auto' && !f.remote && !f.nativeGpu && f.reachable;
}

/**
 * equilens.compute's rule: `auto` takes the webview only for a hardware GPU in a local
 * workspace, and tfjs-node-gpu wins when it is there; `webview` is honoured whenever the
 * webview can read the files.
 */
export function choosePlace(f: PlaceFacts): Place {
  const host = (reason: string): Place => ({ place: 'extensionHost', reason });
  if (f.setting === 'extensionHost') return host('equilens.compute is "extensionHost"');
  if (!f.reachable) return host('the webview can only read files inside the workspace folders');
  if (f.setting === 'webview') return { place: 'webview', reason: 'equilens.compute is "webview"' };
  if (f.nativeGpu) return host('tfjs-node-gpu is installed: CUDA in the extension host');
  if (f.remote) return host('remote workspace: the webview runs on another machine than the files');
  if (!f.adapter) return host('the webview offers no GPU');
  if (f.adapter.software) return host(`the webview's GPU is a software renderer (${f.adapter.name})`);
  return { place: 'webview', reason: `hardware GPU in the webview: ${f.adapter.name} (${f.adapter.api})` };
}
