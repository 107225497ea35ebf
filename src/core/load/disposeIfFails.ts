import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs a tfjs model load and, when it throws, frees every tensor and variable it created.
 * tfjs builds layers (variables) and decodes weights before it notices most problems in an
 * untrusted file, and drops them unfreed (found by scripts/fuzz.ts). The scope is global to
 * the engine, so no other tensors may be created concurrently while a load is in flight
 * (the audit loads one member at a time).
 */
export async function disposeIfFails<T>(load: () => Promise<T>): Promise<T> {
  const engine = tf.engine();
  const variablesBefore = new Set(Object.keys(engine.state.registeredVariables));
  engine.startScope('equilens-load');
  const scope = engine.state.activeScope;
  try {
    const result = await load();
    // Success: the model owns what was created; hand it all to the enclosing scope, if any.
    engine.endScope(scope.track.slice());
    return result;
  } catch (e) {
    engine.endScope();
    for (const [name, v] of Object.entries(engine.state.registeredVariables)) {
      if (!variablesBefore.has(name)) v.dispose();
    }
    throw e;
  }
}
