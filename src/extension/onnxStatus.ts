// Whether the extension can run ONNX models here, and the one line that says how to make it so:
// the Models tree shows it on ONNX rows, and an audit that failed for it says it in editor words.
import { ONNX_RUNTIME_MISSING } from '../core/load/onnx/engine';

/** What runs a workspace's ONNX models, or why nothing can. */
export type OnnxStatus = { ready: true; engine: string } | { ready: false; why: 'install' | 'trust'; short: string; line: string };

/** The editor's version of ONNX_RUNTIME_MISSING: where to install it and which setting finds it. */
export const ONNX_RUNTIME_MISSING_EDITOR =
  'ONNX models need onnxruntime-node, which EquiLens cannot find: run `npm install onnxruntime-node` in a folder of your choice (ONNXRUNTIME_NODE_INSTALL_CUDA=skip avoids its CUDA download) and set equilens.onnxRuntimePath to that folder';

/** Restricted Mode: the worker refuses native code, so ONNX models cannot be audited until the workspace is trusted. */
export const ONNX_UNTRUSTED = 'ONNX models run native code (onnxruntime-node): trust the workspace (Manage Workspace Trust) to audit them';

/**
 * `found(from)`: where onnxruntime-node resolves from EquiLens's own folder (undefined) or one
 * of `paths` (equilens.onnxRuntimePath), without loading it (src/node/native.ts resolveNative).
 */
export function onnxStatus(o: { trusted: boolean; paths: readonly string[]; cores: number; found: (from?: string) => string | null }): OnnxStatus {
  if (!o.trusted) return { ready: false, why: 'trust', short: 'needs a trusted workspace', line: ONNX_UNTRUSTED };
  if (![undefined, ...o.paths].some((from) => o.found(from) !== null)) return { ready: false, why: 'install', short: 'needs onnxruntime-node', line: ONNX_RUNTIME_MISSING_EDITOR };
  return { ready: true, engine: `onnxruntime-node (CPU, ${o.cores} thread${o.cores === 1 ? '' : 's'}) in the extension host` };
}

/** An audit's failure line with the CLI's install advice replaced by the editor's (the rest, e.g. the file, kept). */
export function editorFailureLine(message: string): string {
  return message.replace(ONNX_RUNTIME_MISSING, ONNX_RUNTIME_MISSING_EDITOR);
}

/** True when the failure is one the ONNX status explains (install onnxruntime-node, or trust the workspace). */
export function isOnnxSetupFailure(message: string): 'install' | 'trust' | null {
  if (message.includes(ONNX_RUNTIME_MISSING) || message.includes(ONNX_RUNTIME_MISSING_EDITOR)) return 'install';
  return message.includes('ONNX models run native code (onnxruntime-node): trust the workspace') ? 'trust' : null;
}
