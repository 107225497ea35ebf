// The ONNX engine for Node front ends: onnxruntime-node (an optional dependency, native code),
// required only when an .onnx member is loaded, run on the CPU with every core as intra-op threads.
import * as os from 'node:os';
import { EquiLensError } from '../core/errors';
import { ONNX_RUNTIME_MISSING, type HostTensor, type OnnxEngine, type OnnxSession } from '../core/load/onnx/engine';
import type { TensorInfo } from '../core/load/types';
import { resolveNative } from './native';

export const ONNX_RUNTIME = 'onnxruntime-node';

export interface OnnxEngineOptions {
  /** More folders whose node_modules may hold onnxruntime-node, searched after EquiLens's own. */
  paths?: readonly string[];
  /** Only a module inside EquiLens's folder or `paths` counts (the extension; see resolveNative). */
  confined?: boolean;
  /** False: native code may not load here (an untrusted workspace): ONNX members are refused. */
  allowed?: boolean;
  /** Intra-op threads (default: os.availableParallelism()). */
  threads?: number;
}

/** The onnxruntime-node engine; nothing is required until the first load. */
export function nodeOnnxEngine(opts: OnnxEngineOptions = {}): OnnxEngine {
  const threads = opts.threads ?? os.availableParallelism?.() ?? os.cpus().length;
  let ort: Ort | null | undefined;
  const runtime = (path: string): Ort => {
    if (opts.allowed === false) throw new EquiLensError(path, 'ONNX models run native code (onnxruntime-node): trust the workspace to audit them');
    ort ??= requireOrt(opts);
    if (!ort) throw new EquiLensError(path, ONNX_RUNTIME_MISSING);
    return ort;
  };
  return {
    describe: () => `onnxruntime-node${ort?.env?.versions?.node ? ` ${ort.env.versions.node}` : ''} (CPU, ${threads} thread${threads === 1 ? '' : 's'})`,
    adapter: () => {
      const cpus = os.cpus();
      const model = cpus[0]?.model.trim().replace(/\s+/g, ' ');
      return model ? `${model} (${cpus.length} cores)` : null;
    },
    async load(bytes, path) {
      const o = runtime(path);
      let session: OrtSession;
      try {
        session = await o.InferenceSession.create(bytes, {
          executionProviders: ['cpu'],
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          graphOptimizationLevel: 'all',
          // An audit does JavaScript work between runs (orbit layout, statistics): intra-op threads
          // spinning after each run would take the cores it needs (measured on 2 busy cores: runs
          // and the work between them both ~15–30 % faster without spinning).
          extra: { session: { intra_op: { allow_spinning: '0' } } },
        });
      } catch (e) {
        throw new EquiLensError(path, `onnxruntime cannot load this model: ${firstLine(e)}`);
      }
      return wrapSession(o, session, path);
    },
  };
}

function wrapSession(o: Ort, session: OrtSession, path: string): OnnxSession {
  const inputs = infos(session.inputNames, session.inputMetadata);
  const outputs = infos(session.outputNames, session.outputMetadata);
  const types = new Map(inputs.map((i) => [i.name, i.dtype]));
  return {
    inputs,
    outputs,
    async run(feeds, output) {
      const ortFeeds: Record<string, OrtTensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(o, t, types.get(name) ?? 'float32', path, name);
      const result = await session.run(ortFeeds, [output]);
      const out = result[output];
      if (!out) throw new EquiLensError(path, `onnxruntime returned no output '${output}'`);
      return { data: toFloat32(out, path, output), dims: out.dims.map(Number) };
    },
    dispose: () => void session.release().catch(() => {}),
  };
}

/** Names, shapes and dtypes from the session's metadata (onnxruntime ≥ 1.21); unknown when absent. */
function infos(names: readonly string[], meta: readonly OrtValueMetadata[] | undefined): TensorInfo[] {
  return names.map((name) => {
    const m = meta?.find((x) => x.name === name);
    if (!m || !m.isTensor || !m.shape) return { name, shape: [], dtype: m?.type ?? 'float32', unknownRank: true };
    const shape = m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null));
    return { name, shape, dtype: m.type ?? 'float32', ...(shape.length === 0 && { scalar: true }) };
  });
}

/** Probes (float32, or int32 for integer inputs) as the input's declared type. */
function toOrt(o: Ort, t: HostTensor, type: string, path: string, name: string): OrtTensor {
  const d = t.data;
  switch (type) {
    case 'float32':
      return new o.Tensor('float32', d instanceof Float32Array ? d : Float32Array.from(d), t.dims);
    case 'float64':
      return new o.Tensor('float64', Float64Array.from(d), t.dims);
    case 'int64':
      return new o.Tensor(
        'int64',
        BigInt64Array.from(d, (v) => BigInt(Math.round(v))),
        t.dims,
      );
    case 'int32':
      return new o.Tensor('int32', d instanceof Int32Array ? d : Int32Array.from(d, Math.round), t.dims);
    case 'uint8':
      return new o.Tensor('uint8', Uint8Array.from(d, Math.round), t.dims);
    case 'int8':
      return new o.Tensor('int8', Int8Array.from(d, Math.round), t.dims);
    case 'uint16':
      return new o.Tensor('uint16', Uint16Array.from(d, Math.round), t.dims);
    case 'int16':
      return new o.Tensor('int16', Int16Array.from(d, Math.round), t.dims);
    default:
      throw new EquiLensError(path, `input '${name}' is ${type}: not supported for ONNX models yet`);
  }
}

function toFloat32(t: OrtTensor, path: string, name: string): Float32Array {
  const d = t.data;
  if (d instanceof Float32Array) return d;
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Float32Array.from(d, Number);
  // float16 comes back as raw bits (Uint16Array): reading them as numbers would be wrong.
  if (t.type === 'float16' || t.type === 'string' || !ArrayBuffer.isView(d)) throw new EquiLensError(path, `output '${name}' is ${t.type}: not supported for ONNX models yet`);
  return Float32Array.from(d as unknown as ArrayLike<number>);
}

/** onnxruntime-node, or null when it is not installed where we may look. */
function requireOrt(opts: OnnxEngineOptions): Ort | null {
  for (const from of [undefined, ...(opts.paths ?? [])]) {
    const file = resolveNative(ONNX_RUNTIME, from, opts.confined ?? false);
    if (!file) continue;
    try {
      // A plain require: esbuild leaves it alone (onnxruntime-node is external, never bundled).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time from the user's install
      return require(file) as Ort;
    } catch {
      return null; // installed but broken (wrong platform, missing shared library)
    }
  }
  return null;
}

/** onnxruntime's message on one line, without the C++ source location and signature it may start with. */
export function firstLine(e: unknown): string {
  const m = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return m.replace(/^\/\S+:\d+ .*?\) (?=[A-Z])/, '');
}

// The little of onnxruntime-node's API used here, typed locally: it is an optional dependency.
interface OrtTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface OrtValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}
interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensor>, fetches: string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  env?: { versions?: { node?: string } };
  InferenceSession: { create(bytes: Uint8Array, options: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: string, data: ArrayBufferView, dims: readonly number[]) => OrtTensor;
}
