import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import type { InputFeed, LoadedModel, TensorInfo } from '../load/types';
import type { AuditReport } from '../report/types';
import { fixedInputs } from './fixedInputs';
import { feedDtype, isChannelsFirst, layoutName, toChannelsLast } from './inputLayout';
import { resolveModelSample } from './inputShape';
import type { AuditHost, AuditSpec } from './spec';

/** How the audited input is probed: shapes, layout, dtype and the inputs held fixed. */
export interface InputPlan {
  /** The audited input as declared. */
  input: TensorInfo;
  /** One sample as the probes, groups and pictures hold it: channels last ([H, W, C]). */
  sampleShape: number[];
  /** One sample in the model's own order ([C, H, W] for NCHW). */
  modelSample: number[];
  /** The input takes integers: probes are integers 0–255 (probes/integerProbes.ts). */
  integer: boolean;
  /** What LoadedModel.predict needs; owns the fixed inputs' tensors (disposePlan). */
  feed: InputFeed;
  /** The report's model.input and model.fixedInputs. */
  report: { input: AuditReport['model']['input']; fixedInputs?: AuditReport['model']['fixedInputs'] };
}

/**
 * The input plan for `model` (member 0): the audited input (--input-name), its per-sample
 * shape (inputShape.ts), layout (--input-layout, inputLayout.ts), the dtype it is fed and the
 * other inputs' fixed values (fixedInputs.ts). Every refusal is one line naming the file.
 */
export async function planInput(host: AuditHost, spec: AuditSpec, model: LoadedModel, input: TensorInfo, show: (p: string) => string): Promise<InputPlan> {
  const file = model.path;
  const dtype = feedDtype(input.dtype);
  if (!dtype) throw new EquiLensError(file, `input '${input.name}' is ${input.dtype}: EquiLens probes numeric (float or integer) inputs only`);
  const modelSample = await resolveModelSample(host, spec, file, input);
  const batch = input.unknownRank ? null : (input.shape[0] ?? null);
  // ONNX image inputs are NCHW unless their shape says otherwise (inputLayout.ts).
  const channelsFirst = isChannelsFirst([batch, ...modelSample], spec.inputLayout ?? 'auto', file, input.name, model.format === 'onnx');
  const fixed = await fixedInputs(host.fs, file, model.inputs, input, spec.fixedInputs ?? {}, show);
  const rank = modelSample.length + 1;
  return {
    input,
    sampleShape: toChannelsLast(modelSample, channelsFirst),
    modelSample,
    integer: dtype === 'int32',
    // Layers models get integer values as float32: their layers cast where they need to (an
    // Embedding does), while tfjs's Conv2D refuses int32. Graphs check the dtype: int32.
    feed: { channelsFirst, dtype: model.format === 'layers-model' ? 'float32' : dtype, fixed: fixed.feed },
    report: {
      input: { name: input.name, shape: input.shape, dtype: input.dtype, layout: layoutName(rank, channelsFirst) },
      ...(fixed.report.length && { fixedInputs: fixed.report }),
    },
  };
}

/** Frees the fixed inputs' tensors. */
export function disposePlan(plan: InputPlan | null): void {
  if (plan) tf.dispose(plan.feed.fixed.map((f) => f.value));
}
