import { assembleReport } from '../audit/assembleReport';
import { memberResult, outputKindOf } from '../audit/memberKind';
import { noFiniteMember } from '../audit/numerics';
import { EquiLensError } from '../errors';
import type { AuditReport } from '../report/types';
import type { Orbit } from '../stats/types';
import { mergedCheckpoint } from './checkpoint';
import { checkShards, type NamedShard } from './checkShards';
import { decodeFloat32 } from './float32Base64';
import { signatureFromJson } from './jsonNumber';
import type { ShardMember } from './types';
import { shardOutputRules } from './outputRules';

/** Why merged reports have no per-layer floors (THEORY §5). */
export const LAYERS_NOT_MERGED = 'per-layer floors not computed: they are not merged across shards (their float64 sums and kept rows would not add up bit for bit); audit without --shard for them';

/**
 * `equilens merge`: the report a single run over all members gives, from its n shards in any
 * order (checkShards). Orbits are decoded in member order and go through runAudit's
 * assembleReport, so the statistics, bootstrap and curve are the same numbers; createdAt and
 * timing differ (timing: sums over the shards). Per-layer floors are left out (LAYERS_NOT_MERGED).
 */
export function mergeShards(list: readonly NamedShard[]): AuditReport {
  const shards = checkShards(list);
  const head = shards[0]!.shard;
  const run = head.run!;
  const json = run.firstJson!;
  const all = shards.flatMap((s) => s.shard.members.map((member) => ({ member, s }))).sort((a, b) => a.member.index - b.member.index);
  const finite = all.filter((x) => x.member.orbit);
  if (!finite.length) {
    const excluded = all.map((x) => ({ path: x.member.path, bad: x.member.nonFinite?.bad ?? 0, total: x.member.nonFinite?.total ?? 0 }));
    throw noFiniteMember(excluded, head.audit.root);
  }
  const orbits = finite.map((x) => decodeOrbit(x.member, x.s.file));
  const dims = orbits[0]!.dims;
  finite.forEach((x, k) => {
    const d = orbits[k]!.dims;
    if (d.B !== dims.B || d.m !== dims.m || d.D !== dims.D)
      throw new EquiLensError(x.s.file, `member ${x.member.path} has an orbit of ${d.B}×${d.m}×${d.D} values, member ${finite[0]!.member.path} ${dims.B}×${dims.m}×${dims.D}`);
  });
  // runAudit detects the kind on the first member with finite outputs, with member 0's activation.
  const kind = outputKindOf(orbits[0]!, finite[0]!.s.shard.run!.outputShape ?? [], run.model.finalActivation, {
    outputKind: head.audit.outputKind ?? undefined,
    representation: run.representation.kind,
  });
  // Orbits are stored in the representation's metric frame; pointErrorPx and mismatch need its rule again.
  const output = shardOutputRules(head.audit, run, finite[0]!.s.shard.run!.outputShape);
  const scans = all.flatMap((x) => (x.member.scan ? [{ member: x.member.path, scan: { weights: x.member.scan.weights.map(signatureFromJson), constants: new Map(x.member.scan.constants) } }] : []));
  const sum = (f: (t: { totalSeconds: number; predictSeconds: number }) => number) => shards.reduce((a, s) => a + f(s.shard.timing), 0);
  const { report } = assembleReport(
    {
      backend: head.backend,
      compute: head.compute,
      model: run.model,
      group: run.group,
      representation: run.representation,
      probes: run.probes,
      kind,
      orbits,
      results: finite.map((x, k) => memberResult(x.member.path, orbits[k]!, kind, output?.rep)),
      seed: head.audit.seed,
      json,
      checkpoint: mergedCheckpoint(json.format, head.audit.members.length, scans),
      memberFindings: all.flatMap((x) => x.member.findings),
      predictSeconds: sum((t) => t.predictSeconds),
      output,
    },
    (report) => {
      if (head.audit.localise !== false) {
        report.layers = null;
        if (json.format === 'layers-model') report.warnings.push(LAYERS_NOT_MERGED);
      }
      const backends = [...new Set(shards.filter((s) => s.shard.run).map((s) => s.shard.backend))];
      if (backends.length > 1) report.warnings.push(`shards ran on different backends (${backends.join(', ')}): numbers agree to float precision, not bit for bit`);
    },
  );
  report.timing.totalSeconds = sum((t) => t.totalSeconds);
  return report;
}

/** A member's orbit back to float32 arrays of B·m·D values each. */
function decodeOrbit(member: ShardMember, file: string): Orbit {
  const o = member.orbit!;
  const moved = decodeFloat32(o.moved);
  const expected = decodeFloat32(o.expected);
  const n = o.B * o.m * o.D;
  if (!moved || !expected || moved.length !== n || expected.length !== n) {
    throw new EquiLensError(file, `member ${member.path}: the orbit is not ${o.B}×${o.m}×${o.D} float32 values in base64 (truncated or edited?)`);
  }
  return { dims: { B: o.B, m: o.m, D: o.D }, moved, expected };
}
