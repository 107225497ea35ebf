import type { Finding } from './findings';

/**
 * The report's frozen-layer findings as one: a pretrained backbone freezes a hundred layers or
 * more, and one line each buries every other finding. The merged finding sits on the first frozen
 * layer (where SARIF and the editor anchor it) and lists them all in `layers`. The editor's
 * diagnostics keep one per layer (they read analyzeTopology directly).
 */
export function mergeFrozenFindings(findings: readonly Finding[]): Finding[] {
  const frozen = findings.filter((f) => f.kind === 'frozen-layer');
  if (frozen.length < 2) return [...findings];
  const names = frozen.map((f) => f.layer ?? '?');
  const listed = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const first = frozen[0]!;
  const merged: Finding = {
    ...first,
    layers: names,
    evidence: `${frozen.length} layers have trainable false (${listed}): their weights stay at their initial values, invariant only if every member drew them from a G-invariant law.`,
  };
  return findings.flatMap((f) => (f === first ? [merged] : f.kind === 'frozen-layer' ? [] : [f]));
}
