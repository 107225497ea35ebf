import type { FindingKind } from '../checks/findings';
import { FINDING_INFO, type Finding } from '../checks/findings';
import { THRESHOLD_NAMES } from '../config/types';
import { plainText } from '../report/escape';
import { findingRule, helpUrl, README_URL, thresholdRule, type RuleInfo } from './rules';
import type { AuditOutcome, CheckResult, CheckRun, MetricDelta } from './types';

/** How the SARIF renderer finds files and lines without reading anything itself. */
export interface SarifPlaces {
  /** A report's member path → its URI relative to the repository root ('/'-separated). */
  uri(reportPath: string): string;
  /** 1-based line of a layer (the property a finding kind is about, when given) in a member's JSON; null when unknown. */
  line(reportPath: string, layer: { name: string; index: number }, kind?: FindingKind, evidence?: string): number | null;
}

type Level = 'error' | 'warning' | 'note';

const REGRESSION: RuleInfo = {
  id: 'regression',
  name: 'Regression',
  short: 'Metric worse than the baseline by more than its noise',
  help: 'With --baseline, a metric regresses when it got worse by more than its noise: for the floor, the new bootstrap 95% interval lies wholly above the old one; for the others, the change exceeds 1.96·√(sd_old² + sd_new²).',
  helpUri: helpUrl('baseline'),
};

/** SARIF 2.1.0: one rule per threshold, per finding kind and for regressions; failed checks and findings as results. */
export function renderSarif(run: CheckRun, places: SarifPlaces): object {
  const rules = [...THRESHOLD_NAMES.map(thresholdRule), ...(Object.keys(FINDING_INFO) as FindingKind[]).map(findingRule), REGRESSION];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = run.audits
    .flatMap((a) => [
      ...a.checks.filter((c) => c.status === 'fail').map((c) => checkResult(a, c, places)),
      ...a.report.findings.map((f) => findingResult(a, f, places)),
      ...(a.baseline ?? []).filter((d) => d.status === 'regressed').map((d) => regressionResult(a, d, run.failOn === 'threshold' ? 'warning' : 'error', places)),
    ])
    .map((r) => ({ ...r, ruleIndex: index.get(r.ruleId) }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'EquiLens', semanticVersion: run.tool.version, informationUri: README_URL, rules: rules.map(sarifRule) } },
        results,
      },
    ],
  };
}

function sarifRule(r: RuleInfo): object {
  const level: Level = r.id === 'regression' ? 'error' : r.id in FINDING_INFO ? findingLevel(FINDING_INFO[r.id as FindingKind].condition) : 'error';
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.short },
    fullDescription: { text: r.help },
    help: { text: `${r.help} See ${r.helpUri}`, markdown: `${r.help} [Read more](${r.helpUri}).` },
    helpUri: r.helpUri,
    defaultConfiguration: { level },
  };
}

/**
 * Where a failed check points (SARIF, and the editor's diagnostics): the worst member over the
 * limit, else the first member, at the first layer whose floor jumps when the report has one.
 */
export function checkAnchor(a: Pick<AuditOutcome, 'report'>, c: Pick<CheckResult, 'members'>): { file: string; layer: { name: string; index: number } | null } {
  return { file: c.members?.[0] ?? a.report.members[0]!.path, layer: a.report.breakingLayer ?? null };
}

function checkResult(a: AuditOutcome, c: CheckResult, places: SarifPlaces) {
  const { file } = checkAnchor(a, c);
  const b = a.report.breakingLayer;
  // The first layer whose floor jumps is where the symmetry breaks: the line a reviewer should read.
  const where = b ? ` Symmetry breaks first at layer ${b.name}.` : '';
  return {
    ruleId: c.threshold,
    level: 'error' as Level,
    message: { text: plainText(`${a.name}: ${c.message}.${where}`) },
    locations: [location(places, file, b ? places.line(file, b) : null)],
    properties: { audit: a.name, value: c.value, limit: c.limit },
  };
}

function findingResult(a: AuditOutcome, f: Finding, places: SarifPlaces) {
  const file = f.member ?? f.members?.[0] ?? a.report.members[0]!.path;
  const line = f.layer !== undefined ? places.line(file, { name: f.layer, index: f.layerIndex ?? -1 }, f.kind, f.evidence) : null;
  return {
    ruleId: f.kind,
    level: f.severity === 'info' ? 'note' : f.severity,
    message: { text: plainText(`${a.name}: ${f.layer ? `${f.layer}: ` : ''}${f.title} — ${f.evidence}`) },
    locations: [location(places, file, line)],
    properties: { audit: a.name },
  };
}

function regressionResult(a: AuditOutcome, d: MetricDelta, level: Level, places: SarifPlaces) {
  return {
    ruleId: REGRESSION.id,
    level,
    message: { text: plainText(`${a.name}: ${d.metric} regressed — ${d.reason}`) },
    locations: [location(places, a.report.members[0]!.path, null)],
    properties: { audit: a.name, metric: d.metric, old: d.old, new: d.new },
  };
}

function location(places: SarifPlaces, file: string, line: number | null) {
  const artifactLocation = { uri: places.uri(file), uriBaseId: '%SRCROOT%' };
  return { physicalLocation: line ? { artifactLocation, region: { startLine: line } } : { artifactLocation } };
}

// Architecture findings break the theorem's conditions; the others are hints to look at.
function findingLevel(condition: string): Level {
  return condition === 'architecture' ? 'error' : 'warning';
}
