import type { FindingKind, Severity } from './findings';
import type { GroupNeeds } from './groupNeeds';
import type { LayerStep } from './step';

/** What a rule sees: the audited group's needs and every layer (for model-wide rules). */
export interface RuleContext {
  needs: GroupNeeds;
  steps: readonly LayerStep[];
}

/** One static rule: reports findings of a single kind for one layer. */
export interface Rule {
  kind: FindingKind;
  check(step: LayerStep, ctx: RuleContext): { severity: Severity; evidence: string }[];
}
