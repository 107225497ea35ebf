// What GPU this browser context offers, read without loading tfjs: the report panel answers the
// host's `auto` question with it before any engine code is fetched.
import { isSoftwareRenderer } from './software';

/** A GPU the page can compute on, as the browser names it. */
export interface AdapterInfo {
  api: 'webgpu' | 'webgl';
  /** e.g. 'nvidia ampere', 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 …)'. */
  name: string;
  /** A software renderer (SwiftShader, llvmpipe, a fallback adapter): correct, not fast. */
  software: boolean;
}

/** Structural subset of the WebGPU types we read (lib.dom may not declare them). */
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** The WebGPU adapter tfjs-backend-webgpu would get, or null (no WebGPU, insecure context, none). */
export async function webgpuAdapter(): Promise<AdapterInfo | null> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(o?: object): Promise<GpuAdapterLike | null> } } | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const i = adapter.info ?? {};
    const name = i.description || [i.vendor, i.architecture, i.device].filter(Boolean).join(' ') || 'unknown adapter';
    const fallback = i.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    return { api: 'webgpu', name, software: fallback || isSoftwareRenderer(name) };
  } catch {
    return null;
  }
}

/** The WebGL 2 renderer (unmasked when the browser allows), or null without WebGL 2. */
export function webglAdapter(): AdapterInfo | null {
  if (typeof document === 'undefined') return null;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext(); // browsers allow few live contexts
  return { api: 'webgl', name, software: isSoftwareRenderer(name) };
}

/** The best GPU here: hardware before software, WebGPU before WebGL; null when there is none. */
export async function detectAdapter(): Promise<AdapterInfo | null> {
  const found = [await webgpuAdapter(), webglAdapter()].filter((a): a is AdapterInfo => a !== null);
  return found.find((a) => !a.software) ?? found[0] ?? null;
}
