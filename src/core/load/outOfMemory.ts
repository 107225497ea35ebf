/**
 * What backends throw when a batch is too big for memory; a smaller batch may fit. Taken from
 * the tfjs backends and the engines under them (checked against node_modules/@tensorflow/*).
 */
const OUT_OF_MEMORY: readonly RegExp[] = [
  // WebGPU GPUOutOfMemoryError / browsers' "Out of memory", TensorFlow's "OOM when allocating tensor".
  /out of memory/i,
  /\bOOM\b/,
  // tfjs-backend-webgl webgl_util: "WebGL Error: OUT_OF_MEMORY".
  /\bOUT_OF_MEMORY\b/,
  // tfjs-backend-webgl: "Requested texture size [AxB] greater than WebGL maximum on this browser / GPU [MxM]."
  /greater than WebGL maximum/,
  // V8 "Array buffer allocation failed" (cpu backend), allocators' "Failed to allocate …".
  /allocation failed/i,
  /failed to allocate/i,
  // Emscripten (wasm backend): "Aborted(Cannot enlarge memory arrays …)", Memory.grow's RangeError.
  /cannot enlarge memory/i,
  /maximum memory size exceeded/i,
  // V8 when one tensor of the batch is past the typed-array length limit (cpu backend).
  /invalid typed array length/i,
  // Chrome WebGPU createBuffer: "… is too large for the implementation …".
  /too large for the implementation/i,
];

/** Whether an error thrown by a forward pass looks like running out of memory for the batch. */
export function isOutOfMemory(e: unknown): boolean {
  // WebGPU's GPUOutOfMemoryError is a GPUError, not an Error: read its name and message by hand.
  const err = (typeof e === 'object' && e !== null ? e : {}) as { name?: unknown; message?: unknown; constructor?: { name?: unknown } };
  if (err.name === 'GPUOutOfMemoryError' || err.constructor?.name === 'GPUOutOfMemoryError') return true;
  const msg = typeof err.message === 'string' ? err.message : String(e);
  return OUT_OF_MEMORY.some((re) => re.test(msg));
}
