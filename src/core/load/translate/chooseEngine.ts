import type * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../../errors';
import type { ModelAdapter } from '../adapter';
import type { OnnxEngine } from '../onnx/engine';
import type { MemberEngine } from '../types';
import { checkTranslatedRuns } from './graphCheck';
import { translateGraph } from './graphToOnnx';
import { translateLayers } from './layersToOnnx';
import { translatedAdapter } from './translatedAdapter';

/** `--engine`: auto (onnxruntime when the model translates and the runtime loads, else tfjs), tfjs, onnxruntime (or exit 2). */
export type EngineChoice = 'auto' | 'tfjs' | 'onnxruntime';

export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'tfjs', 'onnxruntime'];

/**
 * A loaded TF.js model on the engine the choice allows: translated to ONNX and run by `onnx`,
 * or left on tfjs with the one-line reason. `onnxruntime` refuses instead of falling back.
 */
export async function chooseEngine(tfjs: ModelAdapter, path: string, choice: EngineChoice, onnx: OnnxEngine | undefined): Promise<{ adapter: ModelAdapter; engine?: MemberEngine }> {
  if (choice === 'tfjs') return { adapter: tfjs };
  const refuse = (why: string) => {
    if (choice === 'onnxruntime') throw new EquiLensError(path, `--engine onnxruntime: ${why}`);
    return { adapter: tfjs, engine: { fallback: why } };
  };
  if (!onnx) return refuse('no ONNX runtime in this host');
  const model: tfl.LayersModel | undefined = tfjs.layersModel;
  const t = model ? translateLayers(model) : tfjs.graph ? translateGraph(tfjs.graph.model, tfjs.graph.topology, tfjs.inputs, tfjs.outputs) : { untranslated: 'no layers or graph model' };
  if ('untranslated' in t) return refuse(t.untranslated);
  try {
    const session = await onnx.load(t.bytes, path);
    if (!model) await checkTranslatedRuns(session, tfjs.inputs, tfjs.outputs);
    return { adapter: translatedAdapter(tfjs, session), engine: { onnx: onnx.describe().replace(/\)$/, '; translated from TF.js)') } };
  } catch (e) {
    // Missing runtime (optional dependency) or a graph it refuses: tfjs runs the member.
    return refuse(`onnxruntime-node not used: ${e instanceof EquiLensError ? e.problem : e instanceof Error ? e.message.split('\n')[0]! : String(e)}`);
  }
}
