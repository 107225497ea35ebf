// Static analysis of a model's topology: the three emergence conditions read without running it.
export { analyzeTopology } from './analyzeTopology';
export { FINDING_INFO, type Condition, type Finding, type FindingKind, type Severity } from './findings';
export { RULES } from './rules';
export type { Rule, RuleContext } from './rule';
