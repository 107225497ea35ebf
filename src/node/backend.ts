import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { EquiLensError } from '../core/errors';
import { NATIVE, resolveNative } from './native';

/** What `--backend` accepts. 'tensorflow' is tfjs-node(-gpu), an optional native accelerator. */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface BackendInfo {
  /** tfjs backend name in use: 'tensorflow' | 'wasm' | 'cpu'. */
  name: string;
  /** For reports: e.g. 'wasm (SIMD)', 'tensorflow (tfjs-node-gpu)'. */
  description: string;
}

/**
 * Picks and initialises the fastest backend that works here: tfjs-node-gpu, tfjs-node, wasm,
 * cpu. `allowNative` is false in untrusted workspaces (native code is never loaded there);
 * `confined` (the extension) takes tfjs-node only from EquiLens's own folder and `nativePaths`,
 * never from a node_modules above them (see resolveNative).
 */
export async function initBackend(choice: BackendChoice = 'auto', allowNative = true, nativePaths: readonly string[] = [], confined = false): Promise<BackendInfo> {
  // PROD skips tfjs's debug checks and its "install tfjs-node" banner, which would pollute output.
  tf.env().set('PROD', true);
  if (choice === 'tensorflow' || (choice === 'auto' && allowNative)) {
    const native = allowNative ? tryNative(nativePaths, confined) : null;
    if (native && (await tf.setBackend('tensorflow'))) return { name: 'tensorflow', description: `tensorflow (${native})` };
    if (choice === 'tensorflow') {
      throw new EquiLensError(undefined, 'backend tensorflow: neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node could be loaded');
    }
  }
  if (choice === 'auto' || choice === 'wasm') {
    if (await initWasm()) {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      return { name: 'wasm', description: `wasm${simd ? ' (SIMD)' : ''}` };
    }
    if (choice === 'wasm') throw new EquiLensError(undefined, 'backend wasm: the WebAssembly backend failed to initialise');
  }
  await tf.setBackend('cpu');
  return { name: 'cpu', description: 'cpu (plain JavaScript)' };
}

async function initWasm(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-wasm');
  const dir = wasmDir();
  if (!dir) return false;
  setWasmPaths(dir + path.sep);
  // Threads would need worker scripts next to the bundle; one SIMD thread is fast enough here.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  try {
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/** dist/webview/ when running the bundle (the build's one copy, shared with the webview engine), else node_modules. */
function wasmDir(): string | null {
  const candidates = [path.join(__dirname, 'webview'), path.join(__dirname, '..', '..', 'dist', 'webview')];
  try {
    candidates.push(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')));
  } catch {
    // not installed next to us: only the bundled copy can work
  }
  return candidates.find((d) => existsSync(path.join(d, 'tfjs-backend-wasm-simd.wasm'))) ?? null;
}

/**
 * Requires tfjs-node-gpu or tfjs-node when installed. They register their backend on the
 * tfjs-core they import; tfjs-core keeps its engine on a global, so a copy from the workspace
 * can register on ours, but only when the versions agree: we accept the module only when the
 * 'tensorflow' backend shows up.
 */
function tryNative(paths: readonly string[], confined: boolean): string | null {
  for (const name of NATIVE) {
    for (const from of [undefined, ...paths]) {
      const file = resolveNative(name, from, confined);
      if (!file) continue;
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional native module found at run time, never bundled
        require(file);
        if (tf.findBackendFactory('tensorflow')) return name.replace('@tensorflow/', '');
      } catch {
        // optional: not installed there, or its native library cannot load
      }
    }
  }
  return null;
}
