import type { Finding } from '../checks/findings';
import type { AuditReport } from '../report/types';
import { adviseFixes } from './adviseFixes';
import { snippetRep } from './context';
import { augmentSnippets } from './snippets/augmentSnippets';
import { classTables } from './snippets/classTables';
import { groupCode } from './snippets/groupCode';
import type { Fix, Snippets } from './types';

const NOT_MEASURED = 'Not measured yet (static findings only): this removes a cause of error; audit the model or its ensemble to see the floor it leaves.';

/**
 * Fixes for static findings alone (an editor before any audit): the families read a report with
 * nothing measured (no members, no ensemble), so only what the findings support is offered, and
 * each effect says it is unmeasured. `sample` is the per-sample input shape ([H, W, C], …);
 * `output` the representation as the CLI and the equilens.output setting write it.
 */
export function staticFixes(findings: readonly Finding[], group: string, sample: readonly number[], output = 'invariant'): Fix[] {
  const report = unmeasuredReport([...findings], group, [...sample], output);
  return adviseFixes(report).map((f) => ({ ...f, effect: NOT_MEASURED, expected: { metric: f.expected.metric, from: null, to: null } }));
}

/** Augmentation over the whole of `group` in the three frameworks, as the augmentation fix writes it; null for an unknown group. */
export function augmentationSnippets(group: string, sample: readonly number[], output = 'invariant'): Snippets | null {
  const code = groupCode(group, [...sample]);
  if (!code) return null;
  const report = unmeasuredReport([], group, [...sample], output);
  const rep = snippetRep(report);
  return rep ? augmentSnippets(code, rep, classTables(report)) : null;
}

/** 'invariant', 'same[;…]', 'points:…' or 'classes:flip-h=1,0,2;…' as the report records it ('classes (flip-h: 1,0,2; …)'). */
function representation(output: string): AuditReport['representation'] {
  if (output === 'same') return { kind: 'same', description: 'same' };
  if (output.startsWith('points:')) return { kind: 'points', description: output };
  if (output.startsWith('same;')) return { kind: 'same', description: `same (channels: ${output.slice('same;'.length)})` };
  if (!output.startsWith('classes:')) return { kind: 'invariant', description: 'invariant' };
  const pairs = output
    .slice('classes:'.length)
    .split(';')
    .map((p) => p.trim().split('='))
    .filter((p) => p.length === 2);
  return { kind: 'classes', description: `classes (${pairs.map(([g, perm]) => `${g}: ${perm}`).join('; ')})` };
}

/** A report-shaped object with the findings and the group, and no numbers. */
function unmeasuredReport(findings: Finding[], group: string, sample: number[], output: string): AuditReport {
  const code = groupCode(group, sample);
  const order = code?.order ?? 1;
  return {
    schemaVersion: 1,
    tool: { name: 'equilens', version: '' },
    createdAt: '',
    backend: '',
    model: { format: 'layers-model', fingerprint: '', input: { name: '', shape: [null, ...sample] }, output: { name: '', shape: [] }, finalActivation: null },
    // Element names need the group built (tfjs). The advice reads only how many there are (class
    // tables, by index, for the small indexed groups); marked sampled, its sentences count them.
    group: { name: group, order, fullOrder: order, sampled: true, elements: code?.indexed ? Array.from({ length: order }, () => '') : [] },
    representation: representation(output),
    probes: { count: 0, source: 'synthetic', shape: [0, ...sample], description: '' },
    outputKind: 'logits',
    outputKindReason: '',
    members: [],
    ensemble: null,
    perElement: [],
    warnings: [],
    findings,
    timing: { totalSeconds: 0, predictSeconds: 0 },
  };
}
