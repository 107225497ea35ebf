// `npm run bench`: side-by-side measurements in one run, on one backend (wasm unless --backend).
//  1. audit time vs the bare predict calls of the same batches (target ≤ 1.15×), images/s;
//  2. peak RSS of an audit of 4 vs 16 members (target ratio ≤ 1.25: members are streamed);
//  3. RSS after audit 1 vs after audit 20 in one process (target ratio ≤ 1.10: nothing leaks).
import * as tf from '@tensorflow/tfjs-core';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orbitInputs } from '../src/core/audit/orbitInputs';
import { runAudit } from '../src/core/audit/runAudit';
import { makeGroup } from '../src/core/groups';
import { discoverMembers, loadModel } from '../src/core/load';
import { loadProbes } from '../src/core/probes';
import { initBackend, type BackendChoice } from '../src/node/backend';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';
import { writeBigMembers } from './bench/bigMembers';
import { rssOverAudits } from './bench/rssOverAudits';

const backendArg = (process.argv.find((a) => a.startsWith('--backend=')) ?? '--backend=auto').split('=')[1] as BackendChoice;
const now = () => performance.now() / 1000;

async function main(): Promise<void> {
  const backend = await initBackend(backendArg);
  console.log(`backend: ${backend.description}\n`);
  const root = mkdtempSync(join(tmpdir(), 'equilens-bench-'));
  try {
    await writeBigMembers(join(root, 'n16'), 16);
    for (let i = 1; i <= 4; i++) {
      const m = `member-${String(i).padStart(2, '0')}`;
      cpSync(join(root, 'n16', m), join(root, 'n4', m), { recursive: true });
    }
    await overhead(backend.description, toPosix('examples/compatible-augmented'), 'examples/compatible-augmented (8 members, 16×16×1, 16 k parameters)');
    await overhead(backend.description, toPosix(join(root, 'n4')), '4 members of 2.2 M parameters (32×32×3)');
    await rssOverAudits(backend.description, toPosix(join(root, 'n4')), '4 members of 2.2 M parameters (32×32×3)');
    memory(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Same members, group, probes and batch size; alternating order, median of 3 rounds. */
async function overhead(backend: string, target: string, label: string): Promise<void> {
  // The overhead target is the engine's (streaming + statistics); per-layer floors (on by default)
  // run every member a second time through its hidden layers and are timed separately.
  const spec = { targets: [target], group: 'c4', output: 'invariant', probesCount: 256, seed: 0, batchSize: 64, localise: false };
  const bare = async () => {
    const t0 = now();
    const { members } = await discoverMembers(nodeFiles, spec.targets);
    const first = await loadModel(nodeFiles, members[0]!);
    const sampleShape = first.inputs[0]!.shape.slice(1) as number[];
    first.dispose();
    const group = makeGroup(spec.group, sampleShape, { seed: 0 });
    const probes = await loadProbes(nodeFiles, { count: spec.probesCount, seed: 0, sampleShape, layout: group.layout });
    const inputs = orbitInputs(group, probes);
    for (const path of members) {
      const model = await loadModel(nodeFiles, path);
      for (const x of inputs) {
        const y = await model.predict(x, { batchSize: spec.batchSize });
        await y.data();
        y.dispose();
      }
      model.dispose();
    }
    tf.dispose(inputs);
    return { seconds: now() - t0, images: members.length * inputs.length * spec.probesCount };
  };
  const audit = async (localise = false) => {
    const t0 = now();
    const r = await runAudit({ ...spec, localise }, { fs: nodeFiles, backend });
    return { seconds: now() - t0, images: r.members.length * r.group.order * r.probes.count };
  };
  await bare(); // warm-up: wasm compilation, kernel caches
  const rounds: { bare: number; audit: number; images: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const a = i % 2 ? await audit() : null;
    const b = await bare();
    const c = a ?? (await audit());
    rounds.push({ bare: b.seconds, audit: c.seconds, images: c.images });
  }
  const med = (xs: number[]) => xs.sort((p, q) => p - q)[xs.length >> 1]!;
  const bareS = med(rounds.map((r) => r.bare));
  const auditS = med(rounds.map((r) => r.audit));
  const localisedS = med([await audit(true), await audit(true), await audit(true)].map((r) => r.seconds));
  console.log(`audit overhead: ${label}, C4, 256 synthetic probes, batch 64; median of 3`);
  console.log(`   bare load+predict of the same batches: ${bareS.toFixed(3)} s`);
  console.log(`   full audit (incl. statistics, bootstrap, curve): ${auditS.toFixed(3)} s`);
  console.log(`   ratio audit / bare: ${(auditS / bareS).toFixed(3)}× (target ≤ 1.15×)`);
  console.log(`   with per-layer floors (the default): ${localisedS.toFixed(3)} s = ${(localisedS / bareS).toFixed(3)}× bare`);
  console.log(`   throughput: ${(rounds[0]!.images / auditS).toFixed(0)} images/s\n`);
}

/** Each audit in its own process so peak RSS (maxRSS) is its own. */
function memory(root: string): void {
  const rss = (dir: string) => {
    const code = `require('./dist/cli.js').main(['audit', ${JSON.stringify(dir)}, '-q', '--backend', ${JSON.stringify(backendArg)}, '-n', '16']).then((c) => { if (c) process.exit(c); console.log(process.resourceUsage().maxRSS); })`;
    return Number(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }).trim()) / 1024;
  };
  const r4 = rss(join(root, 'n4'));
  const r16 = rss(join(root, 'n16'));
  console.log('peak RSS, members of 2.2 M parameters (8.8 MB of weights each), 16 synthetic probes, C4, one process each');
  console.log(`   4 members: ${r4.toFixed(0)} MB · 16 members: ${r16.toFixed(0)} MB · ratio ${(r16 / r4).toFixed(3)} (target ≤ 1.25)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
