// The ONNX engine for Node front ends: onnxruntime-node (an optional dependency, native code),
// required only when an .onnx member is loaded, run on the CPU with every core as intra-op threads.
import * as os from 'node:os';
import { EquiLensError } from '../core/errors';
import { ONNX_RUNTIME_MISSING, type OnnxEngine } from '../core/load/onnx/engine';
import { wrapOrtSession, type OrtLikeSession, type OrtLikeTensor } from '../core/load/onnx/ortValues';
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
      return wrapOrtSession(session, (type, data, dims) => new o.Tensor(type, data, dims), path, { runtime: 'onnxruntime', freeOutputs: false });
    },
  };
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
type OrtSession = OrtLikeSession<OrtLikeTensor>;
interface Ort {
  env?: { versions?: { node?: string } };
  InferenceSession: { create(bytes: Uint8Array, options: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: string, data: ArrayBufferView, dims: readonly number[]) => OrtLikeTensor;
}
