import { parseRepresentation } from '../groups';
import type { OutputRules } from './assembleReport';
import type { Evaluated } from './memberRun';
import { alternativeRepresentations } from './representationMismatch';

/**
 * The chosen representation and its alternatives, parsed on the output shape the members gave:
 * a model that leaves its output sizes open ([1,?,?,16]) has them known by now, and the
 * row-wise rules (representationMismatch) need them.
 */
export function outputRules(spec: string, e: Pick<Evaluated, 'rep' | 'repOptions' | 'group' | 'outputShape' | 'output'>): OutputRules {
  const shape = e.outputShape.length ? e.outputShape : e.output.shape;
  let rep = e.rep;
  if (e.outputShape.length) {
    try {
      rep = parseRepresentation(spec, e.group, shape, e.repOptions);
    } catch {
      // It parsed on the declared shape; keep that one.
    }
  }
  return { spec, rep, alternatives: alternativeRepresentations(spec, rep, e.group, shape, e.repOptions) };
}
