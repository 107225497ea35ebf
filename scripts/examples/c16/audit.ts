import { runAudit } from '../../../src/core/audit/runAudit';
import type { AuditReport } from '../../../src/core/report/types';
import { nodeFiles, toPosix } from '../../../src/node/nodeFiles';

/** The group the C16 examples are audited under (C16 by bilinear resampling, disk-masked). */
export const C16_GROUP = 'rot:16';

/** What the README, the demo and the test quote from an audit of one C16 example under rot:16. */
export interface C16Audit {
  report: AuditReport;
  memberRelError: number[];
  memberOsp: number[];
  memberDiv: number[];
  relError: number;
  osp: number;
  div: number;
  floor: number;
  floorCI: [number, number];
  /** relError of an invariant-by-construction function under the same resampling (the report's). */
  interpolationFloor: number | null;
}

/**
 * The report's interpolation floor (issue 16: the relError a perfectly rotation-invariant function
 * of the masked image still shows under this resampling), wherever the report states it.
 */
export function interpolationFloorOf(report: AuditReport): number | null {
  const r = report as unknown as Record<string, unknown>;
  const group = r.group as Record<string, unknown>;
  const fromGroup = group.interpolationFloor ?? (group.continuous as Record<string, unknown> | undefined)?.interpolationFloor;
  const v = fromGroup ?? r.interpolationFloor;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && typeof (v as { relError?: unknown }).relError === 'number') return (v as { relError: number }).relError;
  return null;
}

/** Audits the ensemble in `dir` under rot:16, invariant outputs, on the .npy probes (all of them). */
export async function auditC16(dir: string, probes: string, backend = 'cpu', localise = false): Promise<C16Audit> {
  const report = await runAudit(
    { targets: [toPosix(dir)], group: C16_GROUP, output: 'invariant', probes: toPosix(probes), probesCount: Infinity, seed: 0, localise, engine: 'tfjs' },
    { fs: nodeFiles, backend },
  );
  const e = report.ensemble;
  if (!e || e.floor === null || !e.floorCI || e.relError === null || e.osp === null || e.div === null) {
    throw new Error(`${dir}: the rot:16 audit has no ensemble floor or class metrics`);
  }
  return {
    report,
    memberRelError: report.members.map((m) => m.relError!),
    memberOsp: report.members.map((m) => m.osp!),
    memberDiv: report.members.map((m) => m.div!),
    relError: e.relError,
    osp: e.osp,
    div: e.div,
    floor: e.floor,
    floorCI: e.floorCI,
    interpolationFloor: interpolationFloorOf(report),
  };
}
