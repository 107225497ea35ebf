// A small hand-made report for the extension's pure helpers (no engine run needed).
import type { AuditReport, MemberResult } from '../../src/core/report/types';

export function member(path: string, relError: number | null): MemberResult {
  return { path, relError, absError: 0.01, osp: 3.5, agreement: 0.9, div: 0.02 };
}

export function fakeReport(o: { members?: MemberResult[]; ensemble?: boolean; floorCI?: [number, number] | null } = {}): AuditReport {
  const members = o.members ?? [member('m/a.json', 0.2), member('m/b.json', 0.3)];
  const ensemble = o.ensemble ?? members.length > 1;
  return {
    schemaVersion: 1,
    tool: { name: 'equilens', version: 'test' },
    createdAt: '2026-01-01T00:00:00.000Z',
    backend: 'cpu',
    model: { format: 'layers-model', fingerprint: 'f', input: { name: 'in', shape: [null, 8, 8, 1] }, output: { name: 'out', shape: [null, 3] }, finalActivation: 'softmax' },
    group: { name: 'c4', order: 4, fullOrder: 4, sampled: false, elements: ['e', 'r1', 'r2', 'r3'] },
    representation: { kind: 'invariant', description: 'invariant' },
    probes: { count: 8, source: 'synthetic', shape: [8, 8, 8, 1], description: 'synthetic' },
    outputKind: 'probabilities',
    outputKindReason: 'softmax',
    members,
    ensemble: ensemble
      ? {
          size: members.length,
          relError: 0.008,
          absError: 0.004,
          osp: 3.9,
          agreement: 0.97,
          div: 0.001,
          floor: 0.001,
          floorCI: o.floorCI === undefined ? [0, 0.004] : o.floorCI,
          floorAbs: 0.001,
          membersNeeded: { '0.01': 2, '0.05': 1 },
          model: { bias2: 1, s2: 2, Z: 3 },
          curve: [],
          meanNearZero: false,
        }
      : null,
    perElement: [],
    warnings: [],
    findings: [],
    timing: { totalSeconds: 1, predictSeconds: 0.5 },
  };
}
