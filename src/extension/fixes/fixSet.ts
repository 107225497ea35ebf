import { adviseFixes } from '../../core/advice/adviseFixes';
import { staticFixes } from '../../core/advice/staticFixes';
import type { Fix } from '../../core/advice/types';
import type { Finding } from '../../core/checks/findings';
import type { AuditReport } from '../../core/report/types';

/** Where a set of fixes comes from: a finished audit of this model, or the editor's static findings. */
export type FixOrigin = { kind: 'report'; label: string; createdAt: string } | { kind: 'static'; group: string };

/** Ranked fixes with the findings their `findings` indices point into. */
export interface FixSet {
  fixes: Fix[];
  findings: Finding[];
  origin: FixOrigin;
}

/** What the editor knows about a model document: its static findings and declared input. */
export interface DocumentFacts {
  findings: Finding[];
  group: string;
  sample: number[] | null;
  /** The equilens.output setting ('invariant', 'same', 'classes:…'). */
  output: string;
}

/**
 * The last audit's fixes when that report covers this model under the group the diagnostics
 * use (its findings are then the same); otherwise fixes from the static findings alone.
 */
export function fixSet(doc: DocumentFacts, last?: { report: AuditReport; label: string }): FixSet {
  const r = last?.report;
  if (r && r.group.name === doc.group) {
    // Reports from before fixes existed carry none: advise from the report now.
    const fixes = Array.isArray(r.fixes) ? r.fixes : adviseFixes(r);
    return { fixes, findings: r.findings ?? [], origin: { kind: 'report', label: last.label, createdAt: r.createdAt } };
  }
  return { fixes: staticFixes(doc.findings, doc.group, doc.sample ?? [], doc.output), findings: doc.findings, origin: { kind: 'static', group: doc.group } };
}

/** The highest-ranked fix answering `finding` (same kind, same layer), if any. */
export function fixForFinding(set: FixSet, finding: Finding): Fix | undefined {
  return set.fixes.find((fix) => fix.findings.some((i) => sameFinding(set.findings[i], finding)));
}

/** The highest-ranked fix that changes `layer`, if any. */
export function topFixForLayer(set: FixSet, layer: string): Fix | undefined {
  return set.fixes.find((fix) => fix.layers.includes(layer));
}

/** A report's finding and the document's are the same when kind and layer agree (members share one architecture). */
function sameFinding(a: Finding | undefined, b: Finding): boolean {
  return a !== undefined && a.kind === b.kind && a.layer === b.layer && (a.layer !== undefined || a.member === b.member);
}
