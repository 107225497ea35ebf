import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { findByName } from '../load/tensorNames';
import type { InputFeed, TensorInfo } from '../load/types';
import { parseNpy, type NpyArray } from '../probes';
import { feedDtype } from './inputLayout';
import { fmtShape } from './inputShape';

/** The inputs held fixed: what the model is fed, and what the report says (`model.fixedInputs`). */
export interface FixedInputs {
  feed: InputFeed['fixed'][number][];
  report: { name: string; source: string }[];
}

/**
 * Values for every input but the audited one: the user's .npy (`given`, input name → absolute
 * path; names match with or without ':0'), else zeros of the input's declared shape. An input
 * of unknown rank or size that is not given is refused, naming it and --fixed-input: zeros
 * of a guessed shape would be a silent wrong audit. The caller disposes the tensors.
 */
export async function fixedInputs(
  fs: FileSystem,
  file: string,
  inputs: readonly TensorInfo[],
  audited: TensorInfo,
  given: Readonly<Record<string, string>>,
  show: (path: string) => string,
): Promise<FixedInputs> {
  const out: FixedInputs = { feed: [], report: [] };
  const byInput = new Map<TensorInfo, string>();
  for (const [name, path] of Object.entries(given)) {
    const input = findByName(inputs, name);
    if (!input) throw new EquiLensError(file, `--fixed-input ${name}: the model has no such input (it has ${inputs.map((i) => `'${i.name}'`).join(', ')})`);
    if (input === audited) throw new EquiLensError(file, `--fixed-input ${name}: that is the audited input (--input-name picks another)`);
    byInput.set(input, path);
  }
  try {
    for (const [index, input] of inputs.entries()) {
      if (input === audited) continue;
      const path = byInput.get(input);
      const dtype = input.dtype === 'bool' ? 'bool' : feedDtype(input.dtype);
      if (!dtype) throw new EquiLensError(file, `input '${input.name}' is ${input.dtype}: EquiLens cannot feed it`);
      const value = path === undefined ? zeros(file, input, dtype) : fromNpy(file, input, dtype, await readNpy(fs, path), path);
      out.feed.push({ index, ...value });
      out.report.push({ name: input.name, source: path === undefined ? `zeros ${fmtShape(value.value.shape)}` : show(path) });
    }
  } catch (e) {
    tf.dispose(out.feed.map((f) => f.value));
    throw e;
  }
  return out;
}

interface Fed {
  value: tf.Tensor;
  batched: boolean;
}

/** The .npy file given for an input; a missing one is one line naming it. */
async function readNpy(fs: FileSystem, path: string): Promise<NpyArray> {
  const stat = await fs.stat(path);
  if (stat?.kind !== 'file') throw new EquiLensError(path, stat ? 'not a file (--fixed-input takes a .npy file)' : 'no such file (--fixed-input)');
  return parseNpy(await fs.readFile(path), path);
}

/** Zeros of the declared shape (batch 1, repeated along each chunk); unknown sizes are refused. */
function zeros(file: string, input: TensorInfo, dtype: 'float32' | 'int32' | 'bool'): Fed {
  const sample = input.shape.slice(1);
  const noRank = rankUnknown(input);
  if (noRank || sample.some((d) => d === null)) {
    const what = noRank ? 'unknown rank' : `unknown size ${fmtShape(input.shape)}`;
    throw new EquiLensError(file, `input '${input.name}' has ${what}: pass --fixed-input ${input.name}=<file.npy> with its value`);
  }
  if (input.scalar) return { value: tf.zeros([], dtype), batched: false };
  return { value: tf.zeros([1, ...(sample as number[])], dtype), batched: true };
}

/**
 * A fixed input's value from a .npy file: as it is for an input of unknown rank or a scalar;
 * else [1, …] (repeated along the batch), [sample] (the batch axis added), a 0-d file
 * (filled to the input's shape) or, for a fixed batch size, exactly that batch.
 */
function fromNpy(file: string, input: TensorInfo, dtype: 'float32' | 'int32' | 'bool', npy: NpyArray, path: string): Fed {
  const make = (shape: number[]) => tf.tidy(() => tf.cast(tf.tensor(npy.data, shape, 'float32'), dtype));
  if (rankUnknown(input)) return { value: make(npy.shape), batched: false };
  if (input.scalar) {
    if (npy.data.length !== 1) throw new EquiLensError(path, `input '${input.name}' is a scalar, the file holds shape ${fmtShape(npy.shape)}`);
    return { value: make([]), batched: false };
  }
  const sample = input.shape.slice(1);
  const fits = (s: readonly number[]) => s.length === sample.length && sample.every((d, i) => d === null || d === s[i]);
  if (npy.shape.length === 0 && sample.every((d) => d !== null)) {
    const value = tf.tidy(() => tf.cast(tf.fill([1, ...sample], npy.data[0]!, 'float32'), dtype));
    return { value, batched: true };
  }
  if (fits(npy.shape)) return { value: make([1, ...npy.shape]), batched: true };
  if (npy.shape.length === sample.length + 1 && fits(npy.shape.slice(1))) {
    const n = npy.shape[0]!;
    if (n === 1) return { value: make(npy.shape), batched: true };
    if (n === input.shape[0]) return { value: make(npy.shape), batched: false };
  }
  throw new EquiLensError(path, `shape ${fmtShape(npy.shape)} does not fit input '${input.name}' ${fmtShape(input.shape)}: give one sample, with or without a batch axis of 1`);
}

/** The file records no shape for it (shape [] that is not a declared scalar). */
function rankUnknown(input: TensorInfo): boolean {
  return input.unknownRank === true || (!input.scalar && input.shape.length === 0);
}
