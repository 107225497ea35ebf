// ONNX members in the report webview: onnxruntime-web, which is never bundled (nor in the VSIX).
// The extension host finds its dist/ folder (src/extension/onnxWeb.ts), serves it as a webview
// resource and passes the folder's URL; the ESM build is imported from there on the first load.
import type * as Ort from 'onnxruntime-web';
import { EquiLensError } from '../../core/errors';
import type { OnnxEngine } from '../../core/load/onnx/engine';
import { webgpuAdapter, type AdapterInfo } from './adapter';
import { ORT_WASM_BUILD, ORT_WASM_WASM, ORT_WEBGPU_BUILD, ORT_WEBGPU_WASM } from './ortFiles';
import { wrapOrtSession } from '../../core/load/onnx/ortValues';

type OrtModule = typeof Ort;
/** Which execution provider ran the sessions. */
type Provider = 'webgpu' | 'wasm';

/**
 * onnxruntime-web from `base` (a URL folder ending in '/'): WebGPU when the page's adapter is a
 * hardware GPU and the model loads there, else wasm (SIMD, one thread unless the page is
 * cross-origin isolated, which webviews are not). describe() and adapter() say which ran.
 */
export function webOnnxEngine(base: string): OnnxEngine {
  const folder = base.endsWith('/') ? base : `${base}/`;
  let started: Promise<{ ort: OrtModule; gpu: AdapterInfo | null }> | undefined;
  const used = new Set<Provider>();
  let gpu: AdapterInfo | null = null;
  let version = '';
  let threads = 1;
  /** Why WebGPU was not used although the page has a hardware GPU (first refusal). */
  let refused: string | undefined;

  const start = (path: string) =>
    (started ??= (async () => {
      const adapter = await webgpuAdapter();
      // A software adapter (SwiftShader, a fallback adapter) computes on the CPU, slower than wasm.
      const hardware = adapter && !adapter.software ? adapter : null;
      const ort = await importOrt(folder + (hardware ? ORT_WEBGPU_BUILD : ORT_WASM_BUILD), path);
      // The .wasm binary from the same folder, named outright: with the binary given (and one
      // thread) the build uses its own embedded loader instead of importing another module.
      ort.env.wasm.wasmPaths = { wasm: folder + (hardware ? ORT_WEBGPU_WASM : ORT_WASM_WASM) };
      // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page (and a worker-src the CSP does not give).
      threads = globalThis.crossOriginIsolated ? Math.max(1, Math.min(globalThis.navigator?.hardwareConcurrency ?? 1, 16)) : 1;
      ort.env.wasm.numThreads = threads;
      ort.env.wasm.proxy = false;
      // The panel treats console warnings as problems; ORT's per-node placement notes are not ours to show.
      ort.env.logLevel = 'error';
      version = ort.env.versions?.web ?? '';
      gpu = hardware;
      return { ort, gpu: hardware };
    })()).catch((e: unknown) => {
      started = undefined; // a later audit may retry (e.g. after the files were installed)
      throw e;
    });

  const create = async (ort: OrtModule, bytes: Uint8Array, provider: Provider) => ort.InferenceSession.create(bytes, { executionProviders: [provider], graphOptimizationLevel: 'all' });

  return {
    describe() {
      const wasm = `wasm SIMD, ${threads} thread${threads === 1 ? '' : 's'}`;
      const ran = used.has('webgpu') ? (used.has('wasm') ? `WebGPU; ${wasm} for members WebGPU refused` : 'WebGPU') : wasm;
      const why = !used.has('webgpu') && used.has('wasm') ? (refused ? `; WebGPU refused the model: ${refused}` : gpu ? '' : '; no hardware WebGPU adapter') : '';
      return `onnxruntime-web${version ? ` ${version}` : ''} (${ran}${why})`;
    },
    adapter: () => (used.has('webgpu') && gpu ? `${gpu.name} (webgpu)` : null),
    async load(bytes, path) {
      const { ort, gpu: hardware } = await start(path);
      let session: Ort.InferenceSession | undefined;
      let provider: Provider = 'wasm';
      if (hardware) {
        try {
          session = await create(ort, bytes, 'webgpu');
          provider = 'webgpu';
        } catch (e) {
          refused ??= firstLine(e);
        }
      }
      try {
        session ??= await create(ort, bytes, 'wasm');
      } catch (e) {
        throw new EquiLensError(path, `onnxruntime-web cannot load this model: ${firstLine(e)}`);
      }
      used.add(provider);
      return wrapOrtSession<Ort.Tensor>(session, (type, data, dims) => new ort.Tensor(type as 'float32', data as Float32Array, dims), path, { runtime: 'onnxruntime-web', freeOutputs: true });
    },
  };
}

async function importOrt(url: string, path: string): Promise<OrtModule> {
  try {
    // A run-time URL: esbuild leaves this import alone, so onnxruntime-web never enters dist/.
    return (await import(/* webpackIgnore: true */ url)) as OrtModule;
  } catch (e) {
    throw new EquiLensError(path, `onnxruntime-web could not be loaded from ${url}: ${firstLine(e)}`);
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}
