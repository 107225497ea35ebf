// Crafted audit reports and check runs, for the pure parts of `equilens check` (thresholds,
// baselines, renderers): every number is chosen by the test, so expectations are exact.
import type { AuditOutcome, CheckRun } from '../../src/core/ci/types';
import type { Finding } from '../../src/core/checks/findings';
import type { AuditReport, MemberResult } from '../../src/core/report/types';

export interface FakeMember {
  relError: number;
  agreement?: number;
  div?: number;
}

export interface FakeEnsemble {
  relError: number;
  floor: number;
  floorCI: [number, number];
  /** sd of the curve at k = N. */
  sdAtN: number;
  agreement?: number;
  div?: number;
  meanNearZero?: boolean;
}

/** A schema-shaped report of `members` (an ensemble block when `ensemble` is given). */
export function fakeReport(members: FakeMember[], ensemble?: FakeEnsemble, findings: Finding[] = []): AuditReport {
  const rows: MemberResult[] = members.map((m, i) => ({
    path: `models/e/member-${i + 1}/model.json`,
    relError: m.relError,
    absError: m.relError / 10,
    osp: m.agreement === undefined ? null : 1 + 3 * m.agreement,
    agreement: m.agreement ?? null,
    div: m.div ?? null,
  }));
  const n = members.length;
  return {
    schemaVersion: 1,
    tool: { name: 'equilens', version: '0.1.0' },
    createdAt: '2025-01-01T00:00:00.000Z',
    backend: 'cpu (plain JavaScript)',
    model: { format: 'layers-model', fingerprint: 'f', input: { name: 'in', shape: [null, 8, 8, 1] }, output: { name: 'out', shape: [null, 3] }, finalActivation: 'softmax' },
    group: { name: 'c4', order: 4, fullOrder: 4, sampled: false, elements: ['e', 'rot90', 'rot180', 'rot270'] },
    representation: { kind: 'invariant', description: 'invariant' },
    probes: { count: 16, source: 'synthetic', shape: [16, 8, 8, 1], description: '16 synthetic' },
    outputKind: members[0]?.agreement === undefined ? 'regression' : 'probabilities',
    outputKindReason: 'crafted',
    members: rows,
    ensemble: ensemble
      ? {
          size: n,
          relError: ensemble.relError,
          absError: ensemble.relError / 10,
          osp: ensemble.agreement === undefined ? null : 1 + 3 * ensemble.agreement,
          agreement: ensemble.agreement ?? null,
          div: ensemble.div ?? null,
          floor: ensemble.floor,
          floorCI: ensemble.floorCI,
          floorAbs: ensemble.floor / 10,
          membersNeeded: { '0.01': null, '0.05': null },
          model: { bias2: 1, s2: 1, Z: 1 },
          curve: [
            { k: 1, relError: members[0]!.relError, relErrorSd: 0.05, osp: null, div: null, modelRelError: members[0]!.relError },
            { k: n, relError: ensemble.relError, relErrorSd: ensemble.sdAtN, osp: null, div: null, modelRelError: ensemble.relError },
          ],
          meanNearZero: ensemble.meanNearZero ?? false,
        }
      : null,
    perElement: [],
    warnings: [],
    findings,
    timing: { totalSeconds: 1.5, predictSeconds: 1 },
  };
}

/** An outcome for a crafted report (thresholds and checks as given). */
export function fakeOutcome(name: string, report: AuditReport, checks: AuditOutcome['checks'] = [], baseline: AuditOutcome['baseline'] = null): AuditOutcome {
  return { name, audit: { name, index: 0, models: ['models/e'], group: 'c4', output: 'invariant', thresholds: {} }, report, checks, baseline };
}

/** A run of the given outcomes. */
export function fakeRun(audits: AuditOutcome[], failOn: CheckRun['failOn'] = 'threshold'): CheckRun {
  return { kind: 'equilens-check', schemaVersion: 1, tool: { name: 'equilens', version: '0.1.0' }, createdAt: '2025-01-01T00:00:00.000Z', config: 'equilens.config.json', failOn, audits };
}
