// The browser rows of `npm run bench:backends`: the same audits in the report webview's engine
// (dist/webview/engine.js) in Chromium, on WebGPU and WebGL, driven like the page tests drive it.
// Here Chromium's GPU is SwiftShader (software): those rows say so and are for correctness.
import { existsSync } from 'node:fs';
import { dirname } from '../../src/core/io/paths';
import { CHROMIUM } from '../../test/page/browser';
import { launchWithGpu, openComputePage } from '../../test/page/computeHost';
import type { Row, Target } from './row';

export type BrowserBackend = 'webgpu' | 'webgl';

/** One row per offered backend and target: a warm-up audit, then the median of `rounds`. */
export async function browserRows(targets: Target[], rounds: number, backends: BrowserBackend[]): Promise<Row[]> {
  if (!existsSync(CHROMIUM) || !backends.length) {
    if (backends.length) console.error(`browser rows skipped: no Chromium at ${CHROMIUM}`);
    return [];
  }
  const browser = await launchWithGpu();
  const rows: Row[] = [];
  try {
    const page = await openComputePage(browser, [...new Set(targets.map((t) => dirname(t.path)))]);
    for (const backend of backends) {
      for (const target of targets) {
        const audit = (probes: number) => page.audit({ targets: [target.path], group: 'c4', output: 'invariant', probesCount: probes, seed: 0, batchSize: 32 }, backend).then((r) => r.report);
        const warm = await audit(Math.min(target.probes, 8));
        if (!warm.backend.startsWith(backend)) {
          console.error(`${backend}: not offered by this Chromium (fell back to ${warm.backend}), skipped`);
          break;
        }
        const seconds: number[] = [];
        let images = 0;
        for (let i = 0; i < rounds; i++) {
          const r = await audit(target.probes);
          images = r.members.length * r.group.order * r.probes.count;
          seconds.push(r.timing.predictSeconds);
        }
        const median = seconds.sort((a, b) => a - b)[seconds.length >> 1]!;
        const label = `${warm.backend}, Chromium on ${shortAdapter(warm.compute?.adapter ?? 'an unknown adapter')}`;
        console.error(`${label} · ${target.id}: ${images} images in ${median.toFixed(2)} s (${await page.numTensors()} tensors live)`);
        rows.push({ target: target.id, backend: label, images, seconds: median, software: warm.compute?.software ?? false });
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/** 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) …)) (webgl)' → 'SwiftShader'; others kept, cut at 60 characters. */
function shortAdapter(name: string): string {
  if (/swiftshader/i.test(name)) return 'SwiftShader';
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}
