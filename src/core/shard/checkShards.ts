import { EquiLensError } from '../errors';
import { firstDifference } from '../load/firstDifference';
import { shardMembers } from './select';
import type { ShardFile } from './types';

/** Most missing shards a merge error lists by number. */
const MISSING_LISTED = 10;

/** A parsed shard and the file it came from (errors name it). */
export interface NamedShard {
  file: string;
  shard: ShardFile;
}

/**
 * Checks that the shards are the n parts of one audit, each once, in any order; returns them by
 * index (shard 1, which holds member 0, first). Every refusal is one line naming a file.
 */
export function checkShards(list: readonly NamedShard[]): NamedShard[] {
  const ref = list[0];
  if (!ref) throw new EquiLensError(undefined, 'merge needs the shard files (equilens merge shard-*.json --json report.json)');
  const n = ref.shard.shard.count;
  const byIndex = new Map<number, NamedShard>();
  for (const s of list) {
    const { index, count } = s.shard.shard;
    if (s.shard.tool.version !== ref.shard.tool.version) {
      throw new EquiLensError(s.file, `was written by equilens ${s.shard.tool.version}, ${ref.file} by ${ref.shard.tool.version}: run every shard with one version`);
    }
    if (count !== n) throw new EquiLensError(s.file, `is shard ${index}/${count}, but ${ref.file} is ${ref.shard.shard.index}/${n}: every shard of one audit has the same n`);
    const diff = firstDifference(ref.shard.audit, s.shard.audit);
    if (diff) throw new EquiLensError(s.file, `is from a different audit than ${ref.file} (${diff})`);
    const seen = byIndex.get(index);
    if (seen) throw new EquiLensError(s.file, `is shard ${index}/${n} again (so is ${seen.file})`);
    byIndex.set(index, s);
    checkMembers(s);
  }
  // n comes from the file: count the missing ones without an n-long array (n = 10^9 aborted node).
  const absent = n - byIndex.size;
  if (absent > 0) {
    const given = [...byIndex.values()].map((s) => s.file).join(', ');
    const first: number[] = [];
    for (let i = 1; i <= n && first.length < MISSING_LISTED; i++) if (!byIndex.has(i)) first.push(i);
    const more = absent > first.length ? ` and ${absent - first.length} more` : '';
    throw new EquiLensError(undefined, `missing shard${absent > 1 ? 's' : ''} ${first.map((i) => `${i}/${n}`).join(', ')}${more} (given: ${given})`);
  }
  const ordered = Array.from({ length: n }, (_, i) => byIndex.get(i + 1)!);
  checkRuns(ordered);
  return ordered;
}

/** The members a shard holds must be exactly its share, under the identity's paths. */
function checkMembers(s: NamedShard): void {
  const { shard, audit, members, run } = s.shard;
  const want = shardMembers(audit.members.length, shard);
  const got = members.map((m) => m.index);
  if (want.join() !== got.join()) {
    throw new EquiLensError(s.file, `shard ${shard.index}/${shard.count} of ${audit.members.length} members should hold members [${want.join(', ')}], it holds [${got.join(', ')}]`);
  }
  const wrong = members.find((m) => m.path !== audit.members[m.index]);
  if (wrong) throw new EquiLensError(s.file, `member ${wrong.index} is ${wrong.path}, the audit's member list says ${audit.members[wrong.index]}`);
  if ((run === null) !== (members.length === 0)) throw new EquiLensError(s.file, members.length ? 'has members but no "run"' : 'has a "run" but no members');
}

/** Every shard must have run the same group, representation and probe values as shard 1. */
function checkRuns(ordered: readonly NamedShard[]): void {
  const head = ordered[0]!;
  const run = head.shard.run!;
  if (!run.firstJson) throw new EquiLensError(head.file, 'holds member 0 but not its model JSON (run.firstJson)');
  const setup = (r: NonNullable<ShardFile['run']>) => ({ group: r.group, representation: r.representation, probes: r.probes, probesDigest: r.probesDigest });
  for (const s of ordered.slice(1)) {
    const diff = s.shard.run && firstDifference(setup(run), setup(s.shard.run));
    if (diff) throw new EquiLensError(s.file, `ran differently from ${head.file} (${diff})`);
  }
}
