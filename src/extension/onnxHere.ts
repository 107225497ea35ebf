import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { resolveNative } from '../node/native';
import { ONNX_RUNTIME } from '../node/onnxEngine';
import { readComputeSettings } from './computeSettings';
import { onnxStatus, type OnnxStatus } from './onnxStatus';

/** This window's ONNX status: workspace trust, equilens.onnxRuntimePath, and whether onnxruntime-node resolves (not loaded). */
export function currentOnnxStatus(): OnnxStatus {
  return onnxStatus({
    trusted: vscode.workspace.isTrusted,
    paths: readComputeSettings().onnxPaths,
    cores: availableParallelism(),
    // Confined, as the worker resolves it: never the workspace's own node_modules.
    found: (from) => resolveNative(ONNX_RUNTIME, from, true),
  });
}
