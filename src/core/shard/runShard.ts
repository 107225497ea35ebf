import { reportEngine } from '../audit/finishReport';
import { auditMembers } from '../audit/runAudit';
import type { MemberRun } from '../audit/memberRun';
import type { AuditHost, AuditSpec } from '../audit/spec';
import { fingerprint } from '../load/fingerprint';
import { VERSION } from '../version';
import { shardMember } from './shardMember';
import { shardRun } from './shardRun';
import type { ShardFile, ShardIdentity, ShardSelection } from './types';

/**
 * `equilens audit --shard i/n`: runs the shard's members as runAudit would and returns what
 * merge needs instead of a report. Per-layer floors are not run: they do not merge exactly.
 */
export async function runShard(spec: AuditSpec, shard: ShardSelection, host: AuditHost): Promise<ShardFile> {
  return auditMembers({ ...spec, localise: false, lie: false, pictures: 0 }, host, shard, (run) => {
    const e = run.evaluated;
    return {
      format: 'equilens-shard',
      shardVersion: 1,
      tool: { name: 'equilens', version: VERSION },
      createdAt: new Date().toISOString(),
      shard: { index: shard.index, count: shard.count },
      audit: shardIdentity(spec, run, fingerprint(run.firstJson)),
      // The engine member 0 ran on (onnxruntime for ONNX or translated members), as runAudit reports it.
      ...withCompute(e ? reportEngine(e.first, host) : { backend: host.backend, compute: host.compute }),
      run: e && shardRun(run, e),
      members: e ? run.selected.map((i) => shardMember(run, e, i)) : [],
      timing: { totalSeconds: run.now() - run.started, predictSeconds: e?.predictSeconds ?? 0 },
    };
  });
}

/** The audit's identity: what must agree between shards for their merge to be one audit. */
export function shardIdentity(spec: AuditSpec, run: Pick<MemberRun, 'members' | 'root' | 'show'>, fp: string): ShardIdentity {
  const { show } = run;
  return {
    targets: spec.targets.map((t) => show(t).replace(/\/+$/, '') || '/'),
    root: show(run.root),
    members: run.members.map(show),
    fingerprint: fp,
    group: spec.group,
    output: spec.output,
    probes: {
      path: spec.probes === undefined ? null : show(spec.probes),
      count: Number.isFinite(spec.probesCount) ? spec.probesCount : null,
      mean: spec.mean ?? null,
      std: spec.std ?? null,
    },
    seed: spec.seed,
    inputName: spec.inputName ?? null,
    outputName: spec.outputName ?? null,
    ...((spec.inputLayout || spec.inputShape || spec.fixedInputs) && {
      inputs: {
        layout: spec.inputLayout ?? null,
        shape: spec.inputShape ?? null,
        fixed: spec.fixedInputs ? Object.fromEntries(Object.entries(spec.fixedInputs).map(([k, v]) => [k, show(v)])) : null,
      },
    }),
    outputKind: spec.outputKind ?? null,
    localise: spec.localise ?? null,
  };
}

function withCompute(x: { backend: string; compute: AuditHost['compute'] }): { backend: string; compute?: NonNullable<AuditHost['compute']> } {
  return { backend: x.backend, ...(x.compute && { compute: x.compute }) };
}
