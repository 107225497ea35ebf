// `npm run bench:backends`: the same audits (C4, seeded synthetic probes) on every backend that
// loads here, side by side in one process (tf.setBackend switches between them): images/s,
// achieved GFLOP/s against the counted FLOPs, and the ratio to wasm. Prints a Markdown table.
// Browser rows run the webview's engine in Chromium (WebGPU, WebGL; SwiftShader here: software).
//   --rounds=N (default 3, median), --probes=EXAMPLES,MOBILENET (default 256,16),
//   --node=tensorflow,wasm,cpu  --browser=webgpu,webgl (either may be empty)
import * as tf from '@tensorflow/tfjs-core';
import { cpus } from 'node:os';
import { runAudit } from '../src/core/audit/runAudit';
import { initBackend, type BackendChoice } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { browserRows, type BrowserBackend } from './bench/browserRows';
import type { Row, Target } from './bench/row';
import { benchTargets } from './bench/targets';

const arg = (name: string, fallback: string) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=')[1]!;
const ROUNDS = Number(arg('rounds', '3'));
const [PROBES_EXAMPLES, PROBES_MOBILENET] = arg('probes', '256,16').split(',').map(Number);
// Fastest first only for reading order; wasm is the reference whatever runs.
const list = (name: string, fallback: string) => arg(name, fallback).split(',').filter(Boolean);
const NODE_BACKENDS = list('node', 'tensorflow,wasm,cpu') as BackendChoice[];
const BROWSER_BACKENDS = list('browser', 'webgpu,webgl') as BrowserBackend[];

async function main(): Promise<void> {
  const targets = await benchTargets({ examples: PROBES_EXAMPLES!, mobilenet: PROBES_MOBILENET! });
  const rows: Row[] = [];
  for (const choice of NODE_BACKENDS) {
    let backend;
    try {
      backend = await initBackend(choice);
    } catch {
      console.error(`${choice}: not available here, skipped`);
      continue;
    }
    for (const target of targets) rows.push(await measure(backend.description, target));
  }
  rows.push(...(await browserRows(targets, ROUNDS, BROWSER_BACKENDS)));
  console.log(`\n${machine()}; C4 (4 rotations), seeded synthetic probes, batch 32; predict time only, median of ${ROUNDS}.\n`);
  console.log(table(targets, rows));
}

/** Warm-up audit (wasm compilation, kernel caches, first allocations), then ROUNDS timed ones. */
async function measure(backend: string, target: Target): Promise<Row> {
  const audit = (probes: number) => runAudit({ targets: [target.path], group: 'c4', output: 'invariant', probesCount: probes, seed: 0, batchSize: 32 }, { fs: nodeFiles, backend });
  await audit(Math.min(target.probes, 8));
  const seconds: number[] = [];
  let images = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await audit(target.probes);
    images = r.members.length * r.group.order * r.probes.count;
    seconds.push(r.timing.predictSeconds);
  }
  const median = seconds.sort((a, b) => a - b)[seconds.length >> 1]!;
  console.error(`${backend} · ${target.id}: ${images} images in ${median.toFixed(2)} s (${tf.memory().numTensors} tensors live)`);
  return { target: target.id, backend, images, seconds: median, software: false };
}

function table(targets: Target[], rows: Row[]): string {
  const out = ['| model | backend | images | predict s | images/s | GFLOP/s | × wasm |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const target of targets) {
    const wasm = rows.find((r) => r.target === target.id && r.backend.startsWith('wasm'));
    const rate = (r: Row) => r.images / r.seconds;
    for (const r of rows.filter((row) => row.target === target.id)) {
      const gflops = target.flopsPerImage === null ? '–' : ((rate(r) * target.flopsPerImage) / 1e9).toFixed(2);
      const ratio = wasm ? `${(rate(r) / rate(wasm)).toFixed(2)}×` : '–';
      const backend = r.software ? `${r.backend} (software GPU: correctness only)` : r.backend;
      out.push(`| ${target.label} | ${backend} | ${r.images} | ${r.seconds.toFixed(2)} | ${group(rate(r))} | ${gflops} | ${ratio} |`);
    }
  }
  const counted = targets.map((t) => `${t.id} ${t.flopsPerImage === null ? 'not countable' : `${(t.flopsPerImage / 1e6).toFixed(2)} MFLOP`}`);
  return `${out.join('\n')}\n\nCounted FLOPs per image (2 × multiply-adds + biases, BN, activations, pooling): ${counted.join(', ')}.`;
}

/** Thousands separated by a space, as in docs/performance.md's other tables. */
function group(n: number): string {
  const s = n >= 100 ? n.toFixed(0) : n.toFixed(1);
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), Node ${process.versions.node.split('.')[0]}`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
