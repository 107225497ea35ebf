import { EquiLensError } from '../../errors';
import type { FileSystem, ReadOptions } from '../../io/files';
import { DEFAULT_LIMITS, mib, type Limits } from '../limits';
import type { ModelJson } from '../types';
import { parseOnnx, summary, type OnnxGraph } from './onnxGraph';

/** ONNX members are recognised by extension: the file is binary, unlike a TF.js model JSON. */
export function isOnnxPath(path: string): boolean {
  return path.toLowerCase().endsWith('.onnx');
}

/** An ONNX file's bytes and structure; the file must meet the weight-size cap (it holds the weights). */
export async function readOnnx(fs: FileSystem, path: string, limits: Limits = DEFAULT_LIMITS, within?: string): Promise<{ bytes: Uint8Array; graph: OnnxGraph }> {
  const st = await fs.stat(path);
  if (st && st.size > limits.maxWeightBytes) throw new EquiLensError(path, `ONNX model is ${mib(st.size)}, over the ${mib(limits.maxWeightBytes)} weights limit`);
  let bytes: Uint8Array;
  try {
    const opts: ReadOptions = { maxBytes: limits.maxWeightBytes, ...(within && { within }) };
    bytes = await fs.readFile(path, opts);
  } catch (e) {
    if (e instanceof EquiLensError) throw e;
    throw new EquiLensError(path, 'cannot read the model file');
  }
  const graph = parseOnnx(bytes, path, limits);
  if (graph.externalData) throw new EquiLensError(path, 'ONNX model keeps tensors in external data files: not supported (only self-contained .onnx files are read)');
  return { bytes, graph };
}

/**
 * The stand-in the pipeline carries for an ONNX member where TF.js members have their model
 * JSON: format 'onnx' and the graph's structure (fingerprint.ts hashes it, so an ensemble
 * mixing architectures or formats is refused as for TF.js). It has no TF.js topology: the
 * static checks and per-layer floors see nothing to walk and the report says so.
 */
export async function readOnnxJson(fs: FileSystem, path: string, limits: Limits = DEFAULT_LIMITS, within?: string): Promise<ModelJson> {
  const { graph } = await readOnnx(fs, path, limits, within);
  return onnxStandIn(graph);
}

export function onnxStandIn(graph: OnnxGraph): ModelJson {
  return { format: 'onnx', modelTopology: { onnx: summary(graph) }, weightsManifest: [] };
}
