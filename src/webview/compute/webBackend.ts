// The engine's backend in a browser: WebGPU, else WebGL, else wasm, else plain JavaScript.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { webglAdapter, webgpuAdapter, type AdapterInfo } from './adapter';

export const WEB_BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type WebBackendChoice = (typeof WEB_BACKENDS)[number];

/** The backend in use and the device behind it, for the report. */
export interface WebBackendInfo {
  name: 'webgpu' | 'webgl' | 'wasm' | 'cpu';
  /** For the report's `backend`, e.g. 'webgl (WebGL 2)'. */
  description: string;
  /** The GPU for webgpu/webgl, null for CPU backends. */
  adapter: AdapterInfo | null;
}

/**
 * Initialises the first backend that works, in the order of `choice` ('auto': webgpu → webgl →
 * wasm → cpu). `wasmBase` is the URL folder holding tfjs-backend-wasm's .wasm files.
 */
export async function initWebBackend(choice: WebBackendChoice, wasmBase: string): Promise<WebBackendInfo> {
  tf.env().set('PROD', true);
  const order = choice === 'auto' ? (['webgpu', 'webgl', 'wasm', 'cpu'] as const) : ([choice, 'cpu'] as const);
  for (const name of order) {
    const info = await tryBackend(name, wasmBase);
    if (info) return info;
  }
  throw new Error('no tfjs backend could be initialised in this webview');
}

async function tryBackend(name: WebBackendInfo['name'], wasmBase: string): Promise<WebBackendInfo | null> {
  try {
    switch (name) {
      case 'webgpu': {
        const adapter = await webgpuAdapter();
        return adapter && (await tf.setBackend('webgpu')) ? { name, description: 'webgpu', adapter } : null;
      }
      case 'webgl': {
        const adapter = webglAdapter();
        // Float32 textures keep WebGL's numbers within 1e-3 of wasm's; without them results are 16-bit.
        return adapter && (await tf.setBackend('webgl')) && tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')
          ? { name, description: `webgl (WebGL ${tf.env().getNumber('WEBGL_VERSION')})`, adapter }
          : null;
      }
      case 'wasm': {
        await import('@tensorflow/tfjs-backend-wasm');
        setWasmPaths(wasmBase.endsWith('/') ? wasmBase : `${wasmBase}/`);
        // Threads need cross-origin isolation, which webviews do not have.
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        if (!(await tf.setBackend('wasm'))) return null;
        const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        return { name, description: `wasm${simd ? ' (SIMD)' : ''}`, adapter: null };
      }
      case 'cpu':
        return (await tf.setBackend('cpu')) ? { name, description: 'cpu (plain JavaScript)', adapter: null } : null;
    }
  } catch {
    return null; // a backend that throws while starting is one we cannot use
  }
}
