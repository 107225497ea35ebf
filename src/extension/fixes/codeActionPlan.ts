import type { Fix } from '../../core/advice/types';
import type { Finding } from '../../core/checks/findings';
import { findingsFor, type DocumentAnalysis } from '../diagnostics/findingDiagnostics';
import { layerAt } from '../diagnostics/layerRanges';
import { fixForFinding, type FixSet } from './fixSet';

/** An EquiLens diagnostic the editor passed in: its rule id and where its range starts (an offset). */
export interface DiagnosticRef {
  code: string;
  offset: number;
}

/** One code action to offer; `diagnostics` are indices into the refs it answers. */
export type ActionSpec =
  | { kind: 'showFix'; title: string; fix: Fix; preferred: boolean; diagnostics: number[] }
  | { kind: 'copySnippet'; title: string; diagnostics: number[] }
  | { kind: 'openReport'; title: string; diagnostics: number[] };

export const COPY_SNIPPET_TITLE = 'EquiLens: Copy augmentation snippet';
export const OPEN_REPORT_TITLE = 'EquiLens: Open report';

/**
 * The actions for the EquiLens diagnostics under the cursor: one "Show fix" per distinct fix
 * (two layers with one fix give one action), then "Copy augmentation snippet" and "Open report"
 * once, on all of them. None when no diagnostic is EquiLens's.
 */
export function planActions(refs: readonly DiagnosticRef[], analysis: DocumentAnalysis, set: FixSet): ActionSpec[] {
  if (!refs.length) return [];
  const all = refs.map((_, i) => i);
  const shown = new Map<string, Extract<ActionSpec, { kind: 'showFix' }>>();
  refs.forEach((ref, i) => {
    const finding = findingAt(analysis, ref);
    const fix = finding && fixForFinding(set, finding);
    if (!fix) return;
    const action = shown.get(fix.id);
    if (action) action.diagnostics.push(i);
    // Preferred (what Auto Fix runs) for errors: a structural cause is the one to read first.
    else shown.set(fix.id, { kind: 'showFix', title: `EquiLens: Show fix — ${fix.title}`, fix, preferred: finding.severity === 'error', diagnostics: [i] });
  });
  return [...shown.values(), { kind: 'copySnippet', title: COPY_SNIPPET_TITLE, diagnostics: all }, { kind: 'openReport', title: OPEN_REPORT_TITLE, diagnostics: all }];
}

/** The finding a diagnostic stands for: same rule, on the layer its range starts in (or on none). */
export function findingAt(analysis: DocumentAnalysis, ref: DiagnosticRef): Finding | undefined {
  const layer = layerAt(analysis.layers, ref.offset);
  const candidates = layer ? findingsFor(analysis.findings, layer) : analysis.findings.filter((f) => f.layer === undefined);
  return candidates.find((f) => f.kind === ref.code);
}
