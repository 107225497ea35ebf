import { EquiLensError } from '../../errors';
import type { FileSystem, ReadOptions } from '../../io/files';
import { DEFAULT_LIMITS, mib, type Limits } from '../limits';
import { naturalCompare } from '../naturalCompare';
import type { ModelJson } from '../types';
import { parseOnnx, summary, type OnnxGraph } from './onnxGraph';

/** ONNX members are recognised by extension: the file is binary, unlike a TF.js model JSON. */
export function isOnnxPath(path: string): boolean {
  return path.toLowerCase().endsWith('.onnx');
}

/** An ONNX file's bytes and structure; the file must meet the weight-size cap (it holds the weights). */
export async function readOnnx(fs: FileSystem, path: string, limits: Limits = DEFAULT_LIMITS, within?: string): Promise<{ bytes: Uint8Array; graph: OnnxGraph }> {
  const once = caches.get(fs);
  const held = once?.held;
  if (once && held?.path === path && fits(held.within, within)) {
    // Kept since discovery read it for its structure (onnxOnce): handed over once, not kept longer.
    once.held = null;
    return { bytes: held.bytes, graph: once.graphs.get(path)!.graph };
  }
  // Members load in order: when another is loaded first (a shard without member 1), the kept one never will be.
  if (once) once.held = null;
  return readParsed(fs, path, limits, within);
}

/** The file's bytes, and its structure parsed unless this audit has it already. */
async function readParsed(fs: FileSystem, path: string, limits: Limits, within: string | undefined): Promise<{ bytes: Uint8Array; graph: OnnxGraph }> {
  const once = caches.get(fs);
  const bytes = await readBytes(fs, path, limits, within);
  const known = once?.graphs.get(path);
  const graph = known && fits(known.within, within) ? known.graph : parse(bytes, path, limits);
  if (once && graph !== known?.graph) once.graphs.set(path, { graph, within });
  return { bytes, graph };
}

async function readBytes(fs: FileSystem, path: string, limits: Limits, within: string | undefined): Promise<Uint8Array> {
  const st = await fs.stat(path);
  if (st && st.size > limits.maxWeightBytes) throw new EquiLensError(path, `ONNX model is ${mib(st.size)}, over the ${mib(limits.maxWeightBytes)} weights limit`);
  try {
    const opts: ReadOptions = { maxBytes: limits.maxWeightBytes, ...(within && { within }) };
    return await fs.readFile(path, opts);
  } catch (e) {
    if (e instanceof EquiLensError) throw e;
    throw new EquiLensError(path, 'cannot read the model file');
  }
}

function parse(bytes: Uint8Array, path: string, limits: Limits): OnnxGraph {
  const graph = parseOnnx(bytes, path, limits);
  if (graph.externalData) throw new EquiLensError(path, 'ONNX model keeps tensors in external data files: not supported (only self-contained .onnx files are read)');
  return graph;
}

/**
 * One audit's reads of .onnx files (per thread): each file's structure is parsed once and kept
 * (a summary, no weights); of the bytes, only one file's are kept, the first member's in
 * natural order seen so far, from its discovery read until its load takes them. So discovery
 * (every member's structure, before anything loads), the first member's stand-in and its load
 * read it once; a member loaded in another thread is read there once, for its bytes (its
 * structure arrives with the pool job, onnxGraphs); a later member loaded in the same thread is
 * read a second time for its bytes, since keeping every member's would break the one member in
 * memory at a time rule.
 */
interface OnnxOnce {
  graphs: Map<string, { graph: OnnxGraph; within?: string }>;
  held: { path: string; bytes: Uint8Array; within?: string } | null;
}

const caches = new WeakMap<FileSystem, OnnxOnce>();

/**
 * `fs` for one audit, with its .onnx reads shared (OnnxOnce): a new object each call, so what
 * one audit kept is dropped with it. `graphs`: structures already read by another thread of the
 * same audit (onnxGraphs there). An `fs` made here is returned as it is.
 */
export function onnxOnce(fs: FileSystem, graphs: OnnxGraphs = []): FileSystem {
  if (caches.has(fs)) return fs;
  const files: FileSystem = {
    readFile: (p, o) => fs.readFile(p, o),
    realPath: (p) => fs.realPath(p),
    readDir: (p) => fs.readDir(p),
    stat: (p) => fs.stat(p),
  };
  caches.set(files, { graphs: new Map(graphs), held: null });
  return files;
}

/** The structures of the .onnx files an onnxOnce `fs` has read (for another thread's onnxOnce); plain data. */
export type OnnxGraphs = [string, { graph: OnnxGraph; within?: string }][];

export function onnxGraphs(fs: FileSystem): OnnxGraphs {
  return [...(caches.get(fs)?.graphs ?? [])];
}

/** The path whose bytes an onnxOnce `fs` keeps for its load, null when none (at most one file's, by construction). */
export function heldOnnx(fs: FileSystem): string | null {
  return caches.get(fs)?.held?.path ?? null;
}

/** Whether what was read with `had` as its confining folder may serve a read asking for `want`. */
function fits(had: string | undefined, want: string | undefined): boolean {
  return want === undefined || had === want;
}

/**
 * The stand-in the pipeline carries for an ONNX member where TF.js members have their model
 * JSON: format 'onnx' and the graph's structure (fingerprint.ts hashes it, so an ensemble
 * mixing architectures or formats is refused as for TF.js). It has no TF.js topology: the
 * static checks and per-layer floors see nothing to walk and the report says so.
 */
export async function readOnnxJson(fs: FileSystem, path: string, limits: Limits = DEFAULT_LIMITS, within?: string): Promise<ModelJson> {
  const once = caches.get(fs);
  const known = once?.graphs.get(path);
  if (known && fits(known.within, within)) return onnxStandIn(known.graph);
  const { bytes, graph } = await readParsed(fs, path, limits, within);
  // Kept for the load when it is the first member so far (natural order, as discovery sorts them).
  if (once && (!once.held || naturalCompare(path, once.held.path) < 0)) once.held = { path, bytes, within };
  return onnxStandIn(graph);
}

export function onnxStandIn(graph: OnnxGraph): ModelJson {
  return { format: 'onnx', modelTopology: { onnx: summary(graph) }, weightsManifest: [] };
}
