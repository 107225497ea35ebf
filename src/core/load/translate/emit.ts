import type * as tfl from '@tensorflow/tfjs-layers';
import type { GraphBuilder } from './graphBuilder';

/** A SymbolicTensor's ONNX name and TF.js shape (batch first, null where free). */
export interface Value {
  name: string;
  shape: (number | null)[];
}

/** A conv's constants, still mutable: batch normalisation right after it is folded into them. */
export interface FoldableConv {
  weight: Float32Array;
  bias: Float32Array;
  /** OIHW. */
  dims: number[];
}

/** What a layer's emitter sees: the graph, the layer, its config, its inputs (NHWC, as in TF.js). */
export interface Emit {
  g: GraphBuilder;
  layer: tfl.layers.Layer;
  config: Record<string, unknown>;
  inputs: Value[];
  /** The conv behind `name` when this layer is its only consumer and it has no activation. */
  foldTarget(name: string): FoldableConv | undefined;
  foldable(name: string, conv: FoldableConv): void;
}
