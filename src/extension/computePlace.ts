import type { AdapterInfo, ComputeSetting } from '../protocol';
import { ONNX_WEB_MISSING } from '../webview/compute/ortFiles';

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
  /** The audit has ONNX members (an .onnx target, or one in a target folder). */
  onnx?: boolean;
  /** onnxruntime-web was found where the webview may load it (src/extension/onnxWeb.ts). */
  onnxWeb?: boolean;
  /** The webview's answer to 'detectAdapter'; undefined when it was not asked. */
  adapter?: AdapterInfo | null;
}

/** True when `auto` cannot decide without asking the webview for its GPU. */
export function needsAdapter(f: Omit<PlaceFacts, 'adapter'>): boolean {
  if (f.setting !== 'auto' || f.remote || !f.reachable) return false;
  return f.onnx ? f.onnxWeb === true : !f.nativeGpu;
}

/**
 * equilens.compute's rule: `auto` takes the webview only for a hardware GPU in a local
 * workspace, and tfjs-node-gpu wins when it is there; `webview` is honoured whenever the
 * webview can read the files. ONNX members need onnxruntime-web there: without it they stay in the
 * host (onnxruntime-node), whatever the setting, with the reason saying how to install it.
 */
export function choosePlace(f: PlaceFacts): Place {
  const host = (reason: string): Place => ({ place: 'extensionHost', reason });
  if (f.setting === 'extensionHost') return host('equilens.compute is "extensionHost"');
  if (!f.reachable) return host('the webview can only read files inside the workspace folders');
  if (f.onnx && !f.onnxWeb) return host(ONNX_WEB_MISSING);
  if (f.setting === 'webview') return { place: 'webview', reason: 'equilens.compute is "webview"' };
  // tfjs-node-gpu runs TF.js members only; an audit with ONNX members is all ONNX (formats never mix).
  if (f.nativeGpu && !f.onnx) return host('tfjs-node-gpu is installed: CUDA in the extension host');
  if (f.remote) return host('remote workspace: the webview runs on another machine than the files');
  if (!f.adapter) return host('the webview offers no GPU');
  if (f.adapter.software) return host(`the webview's GPU is a software renderer (${f.adapter.name})`);
  // onnxruntime-web computes on WebGPU or on one wasm thread: onnxruntime-node's threads beat the latter.
  if (f.onnx && f.adapter.api !== 'webgpu') return host(`ONNX models need WebGPU in the webview; it offers only ${f.adapter.api} (${f.adapter.name})`);
  return { place: 'webview', reason: `hardware GPU in the webview: ${f.adapter.name} (${f.adapter.api})` };
}
