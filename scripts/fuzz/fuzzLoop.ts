import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/core/rng';
import { tempDir } from '../../test/helpers/modelFixtures';
import { mutate } from './mutations';
import { auditCase, writeCase } from './runCase';
import { seedModels } from './seeds';
import type { FuzzCase, Violation } from './types';

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** First case index (default 0); with `cases`, replays any range of a run. */
  from?: number;
  examplesDir: string;
  backend: string;
  /** Keep violating case folders here. */
  keepDir?: string;
  onCase?: (i: number, mutations: string[], outcome: string, detail: string) => void;
}

export interface FuzzStats {
  outcomes: Record<string, number>;
  /** mutation → outcome → count */
  perMutation: Record<string, Record<string, number>>;
  violations: Violation[];
  seconds: number;
}

/** The case with index `i` of run `seed`: independent of the others, so any one can be replayed. */
export function makeCase(seeds: FuzzCase[], seed: number, i: number): { c: FuzzCase; mutations: string[] } {
  const rng = new Rng((Math.imul(seed, 0x9e3779b1) + i * 7919) >>> 0);
  const base = seeds[rng.int(seeds.length)]!;
  const c: FuzzCase = { ...base, files: { ...base.files }, links: {} };
  return { c, mutations: mutate(c, rng) };
}

/** Runs the cases one after another, each in its own temp folder. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzStats> {
  const started = performance.now();
  const seeds = await seedModels(opts.examplesDir);
  const tmp = tempDir('equilens-fuzz-');
  const outside = join(tmp.dir, 'outside');
  mkdirSync(outside);
  // Real shards outside every case folder: a read through a link would succeed, so it must be refused.
  for (const s of seeds) for (const [name, bytes] of Object.entries(s.files)) writeFileSync(join(outside, name), bytes);
  const stats: FuzzStats = { outcomes: {}, perMutation: {}, violations: [], seconds: 0 };
  try {
    const first = opts.from ?? 0;
    for (let i = first; i < first + opts.cases; i++) {
      const { c, mutations } = makeCase(seeds, opts.seed, i);
      const dir = join(tmp.dir, `case-${i}`);
      writeCase(dir, c, outside);
      const r = await auditCase(dir, c, opts.backend);
      stats.outcomes[r.outcome] = (stats.outcomes[r.outcome] ?? 0) + 1;
      for (const m of new Set(mutations)) {
        const row = (stats.perMutation[m] ??= {});
        row[r.outcome] = (row[r.outcome] ?? 0) + 1;
      }
      opts.onCase?.(i, mutations, r.outcome, r.detail);
      if (r.outcome === 'violation') {
        stats.violations.push({ caseIndex: i, mutations, problem: r.detail });
        if (opts.keepDir) writeCase(join(opts.keepDir, `seed${opts.seed}-case${i}`), c, outside);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    tmp.cleanup();
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}
