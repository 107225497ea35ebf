import type { GraphBuilder } from './graphBuilder';

/** Thrown by a layer's emitter when ONNX cannot reproduce it exactly; the translation names the layer. */
export class Untranslatable extends Error {}

/**
 * Applies a Keras activation (by its serialized name) to x, in any layout where `axis` is the
 * channel axis (softmax reads it). 'linear' adds nothing.
 */
export function activation(g: GraphBuilder, name: string | undefined, x: string, axis = -1): string {
  switch (name ?? 'linear') {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x]);
    case 'relu6':
      return clip(g, x, 0, 6);
    case 'sigmoid':
      return g.op('Sigmoid', [x]);
    case 'tanh':
      return g.op('Tanh', [x]);
    case 'softmax':
      return g.op('Softmax', [x], { axis });
    case 'logSoftmax':
      return g.op('LogSoftmax', [x], { axis });
    case 'elu':
      return g.op('Elu', [x], { alpha: { f: 1 } });
    case 'selu':
      // Keras's constants, the ONNX defaults.
      return g.op('Selu', [x], { alpha: { f: 1.6732632423543772 }, gamma: { f: 1.0507009873554805 } });
    case 'softplus':
      return g.op('Softplus', [x]);
    case 'softsign':
      return g.op('Softsign', [x]);
    case 'hardSigmoid':
      // tfjs: clip(0.2·x + 0.5, 0, 1).
      return g.op('HardSigmoid', [x], { alpha: { f: 0.2 }, beta: { f: 0.5 } });
    case 'swish':
      return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'mish':
      return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]);
    default:
      throw new Untranslatable(`activation '${name}'`);
  }
}

/** Clip to [lo, hi] (opset 13: the bounds are inputs). */
export function clip(g: GraphBuilder, x: string, lo: number, hi: number): string {
  return g.op('Clip', [x, g.float('lo', [], Float32Array.of(lo)), g.float('hi', [], Float32Array.of(hi))]);
}
