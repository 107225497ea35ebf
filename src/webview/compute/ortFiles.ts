// The onnxruntime-web files the webview loads, named once for the engine (webOnnx.ts) and for the
// extension host's check that an install holds them (src/extension/onnxWeb.ts).

/** The ESM builds used: WebGPU with the wasm CPU kernels, or wasm alone (half the binary). */
export const ORT_WEBGPU_BUILD = 'ort.webgpu.bundle.min.mjs';
export const ORT_WASM_BUILD = 'ort.wasm.bundle.min.mjs';

/** Their WebAssembly binaries (onnxruntime-web 1.31: the WebGPU build is the asyncify one). */
export const ORT_WEBGPU_WASM = 'ort-wasm-simd-threaded.asyncify.wasm';
export const ORT_WASM_WASM = 'ort-wasm-simd-threaded.wasm';

/** Every file the webview reads from onnxruntime-web's dist/ folder. */
export const ORT_FILES = [ORT_WEBGPU_BUILD, ORT_WASM_BUILD, ORT_WEBGPU_WASM, ORT_WASM_WASM] as const;

/** The onnxruntime-web version EquiLens is tested with (package.json devDependencies); no other is used. */
export const ONNX_WEB_VERSION = '1.31.1';

/** Why an audit with ONNX members stays in the extension host, and how to change that (one line). */
export const ONNX_WEB_MISSING = `ONNX models run in the extension host: the webview needs onnxruntime-web ${ONNX_WEB_VERSION}, not found (npm install onnxruntime-web@${ONNX_WEB_VERSION} in the folder equilens.onnxRuntimePath names)`;
