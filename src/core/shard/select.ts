import { EquiLensError } from '../errors';
import type { ShardSelection } from './types';

/**
 * Parses `--shard i/n`: 1-based like Jest's and Playwright's --shard, so a CI matrix of
 * shard: [1, 2, 3] passes `--shard ${{ matrix.shard }}/3` as is.
 */
export function parseShard(text: string): ShardSelection {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new EquiLensError(undefined, `--shard expects i/n with 1 ≤ i ≤ n (e.g. 2/3), got '${text}'`);
  }
  return { index, count };
}

/** 0-based indices of the members shard `s` audits out of `total`: every n-th, starting at i − 1. */
export function shardMembers(total: number, s: ShardSelection): number[] {
  const out: number[] = [];
  for (let j = s.index - 1; j < total; j += s.count) out.push(j);
  return out;
}
