// Static analysis of a model's topology: the three emergence conditions read without running it.
export { analyzeTopology, type AnalyzeOptions } from './analyzeTopology';
export type { ConstantValues } from './graph/graphConsts';
export { AUDIT_FINDING_KINDS, FINDING_INFO, type Condition, type Finding, type FindingKind, type Severity } from './findings';
export { RULES } from './rules';
export type { Rule, RuleContext } from './rule';
