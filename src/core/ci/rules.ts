import type { ThresholdName } from '../config/types';
import { FINDING_INFO, type FindingKind } from '../checks/findings';

/** The project's public repository: package.json's "repository", "homepage" and "bugs" name the same (test/extension/manifest.test.ts). */
export const REPOSITORY_URL = 'https://github.com/equilens/equilens';

/** The README: the SARIF tool's informationUri. */
export const README_URL = `${REPOSITORY_URL}/blob/main/README.md`;

/**
 * The doc page (from the repository root) and GitHub heading anchor that explain each kind of
 * rule; SARIF help links and the editor's diagnostic codes open them (test/sarif.test.ts checks
 * that every page and heading exists).
 */
export const HELP = {
  thresholds: { page: 'docs/configuration.md', anchor: 'thresholds' },
  baseline: { page: 'docs/cli.md', anchor: 'baseline-and-regressions' },
  findings: { page: 'docs/report-format.md', anchor: 'static-findings' },
} as const;

/** The online page of a help topic, without its anchor. */
export function helpPage(topic: keyof typeof HELP): string {
  return `${REPOSITORY_URL}/blob/main/${HELP[topic].page}`;
}

/** The online page of a help topic, at its heading. */
export function helpUrl(topic: keyof typeof HELP): string {
  return `${helpPage(topic)}#${HELP[topic].anchor}`;
}

/** What a SARIF rule (and the other outputs) say about one check. */
export interface RuleInfo {
  id: string;
  name: string;
  short: string;
  help: string;
  helpUri: string;
}

const THRESHOLD_HELP: Record<ThresholdName, [string, string]> = {
  maxFloor: [
    'Ensemble floor above maxFloor',
    'The floor estimates the relError of the infinite ensemble (THEORY §4). Clearly above 0, one of the emergence conditions fails: an architecture the group does not map onto itself (see the static findings), a non-invariant initialisation, or augmentation that misses part of the group. More members do not lower it; fix the condition the report names.',
  ],
  maxEnsembleRelError: [
    'Ensemble relError above maxEnsembleRelError',
    "The ensemble mean's relative equivariance error. When the floor interval reaches 0, more members lower it (the report's membersNeeded says how many); otherwise fix the condition behind the floor.",
  ],
  maxMemberRelError: [
    'A member relError above maxMemberRelError',
    "A single member's relative equivariance error. Members are rarely equivariant on their own (the theorem is about the mean); a member far above the others may have trained differently.",
  ],
  minAgreement: [
    'Agreement below minAgreement',
    "The share of transformed probes on which the ensemble mean keeps its (permuted) class. Low agreement means predictions change under the group's transformations.",
  ],
  maxDiv: ['DIV above maxDiv', 'The symmetrised KL divergence between the class distributions of moved and transformed inputs, over the orbit.'],
};

/** The rule for one threshold. */
export function thresholdRule(t: ThresholdName): RuleInfo {
  const [short, help] = THRESHOLD_HELP[t];
  return { id: t, name: pascal(t), short, help, helpUri: helpUrl('thresholds') };
}

/** The rule for one kind of static finding. */
export function findingRule(kind: FindingKind): RuleInfo {
  const info = FINDING_INFO[kind];
  return { id: kind, name: pascal(kind), short: info.title, help: `${info.description} (condition: ${info.condition})`, helpUri: helpUrl('findings') };
}

// 'kernel-not-square' → 'KernelNotSquare', 'maxFloor' → 'MaxFloor' (SARIF's rule names are identifiers).
function pascal(s: string): string {
  return s
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
