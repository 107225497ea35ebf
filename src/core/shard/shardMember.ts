import type { Evaluated, MemberRun } from '../audit/memberRun';
import { encodeFloat32 } from './float32Base64';
import { signatureToJson } from './jsonNumber';
import type { ShardMember } from './types';

/** Member `i`'s entry: its findings, weight scan, and orbit (or why it was left out). */
export function shardMember(run: MemberRun, e: Evaluated, i: number): ShardMember {
  const path = run.members[i]!;
  const shown = run.show(path);
  // runAudit keeps orbits of the finite members only, in member order, beside their rows.
  const at = e.results.findIndex((r) => r.path === shown);
  const orbit = at >= 0 ? e.orbits[at]! : null;
  const excluded = e.excluded.find((x) => x.path === path);
  const scan = e.checkpoint.scan?.(path);
  return {
    index: i,
    path: shown,
    findings: e.memberFindings.filter((f) => f.member === shown),
    scan: scan ? { weights: scan.weights.map(signatureToJson), constants: [...scan.constants] } : null,
    orbit: orbit && { ...orbit.dims, moved: encodeFloat32(orbit.moved), expected: encodeFloat32(orbit.expected) },
    ...(excluded && { nonFinite: { bad: excluded.bad, total: excluded.total } }),
  };
}
