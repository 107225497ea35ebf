import { findNodeAtLocation } from 'jsonc-parser';
import { checkAnchor } from '../../core/ci/sarif';
import type { AuditOutcome } from '../../core/ci/types';
import type { ThresholdName } from '../../core/config/types';
import { joinPath } from '../../core/io/paths';
import { isAbsolute } from '../auditRequest';
import { position, type LineChar } from '../diagnostics/configErrors';
import { findLayer, layerNodes, type TextSpan } from '../diagnostics/layerRanges';

/** A failed threshold as a Problems-panel entry on a model JSON. */
export interface ThresholdDiagnosticSpec {
  /** Absolute '/'-path of the model JSON. */
  file: string;
  start: LineChar;
  end: LineChar;
  message: string;
  threshold: ThresholdName;
}

/**
 * One entry per failed threshold, where SARIF puts it (checkAnchor): the first member (the worst
 * one over a member limit), on the layer where symmetry first breaks when the report names one,
 * else at the top of the file; the layer's name is underlined (the layer object spans many lines). `text` reads a model JSON (null when it cannot).
 */
export async function thresholdDiagnostics(o: AuditOutcome, base: string | undefined, text: (file: string) => Promise<string | null>): Promise<ThresholdDiagnosticSpec[]> {
  const out: ThresholdDiagnosticSpec[] = [];
  for (const c of o.checks.filter((c) => c.status === 'fail')) {
    const { file, layer } = checkAnchor(o, c);
    const abs = base && !isAbsolute(file) ? joinPath(base, file) : file;
    const t = layer ? await text(abs) : null;
    const span = t !== null && layer ? layerNameSpan(t, layer.name, layer.index) : null;
    const where = layer ? ` Symmetry breaks first at layer ${layer.name}.` : '';
    out.push({
      file: abs,
      start: span ? position(t!, span.start) : { line: 0, character: 0 },
      end: span ? position(t!, span.end) : { line: 0, character: 0 },
      message: `${o.name}: ${c.message} (${c.threshold}).${where}`,
      threshold: c.threshold,
    });
  }
  return out;
}

// SARIF's line is where the layer object starts; its "name" sits just below and says which layer.
function layerNameSpan(text: string, name: string, index: number): TextSpan | null {
  const layer = findLayer(layerNodes(text), name, index);
  if (!layer) return null;
  const at = findNodeAtLocation(layer.node, ['config', 'name']) ?? findNodeAtLocation(layer.node, ['name']) ?? layer.node;
  return { start: at.offset, end: at === layer.node ? at.offset + 1 : at.offset + at.length };
}
