// Where the optional native accelerators would come from. No tfjs import here: the extension host
// asks this (for equilens.compute: auto) without loading any engine code.

/** tfjs-node-gpu (CUDA) before tfjs-node (CPU, still faster than wasm for large models). */
export const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/**
 * The accelerator that would load, without loading it: our own node_modules first, then the
 * node_modules reachable from each of `paths` (equilens.tfjsNodePath, the workspace folders).
 */
export function findNative(paths: readonly string[] = []): { name: (typeof NATIVE)[number]; file: string } | null {
  for (const name of NATIVE) {
    for (const from of [undefined, ...paths]) {
      try {
        return { name, file: from === undefined ? require.resolve(name) : require.resolve(name, { paths: [from] }) };
      } catch {
        // not installed there
      }
    }
  }
  return null;
}
