// RSS of one process over 20 consecutive audits: a leak (tensors, variables, wasm memory, caches
// that grow per audit) shows as memory that keeps climbing after the first audit.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runAudit } from '../../src/core/audit/runAudit';
import { nodeFiles } from '../../src/node/nodeFiles';

/** A full collection before each reading, so the numbers are live memory, not the collector's timing. */
function collector(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

/** Runs `count` identical audits of `target`; prints RSS (and the JS heap) after the first and the last. */
export async function rssOverAudits(backend: string, target: string, label: string, count = 20): Promise<void> {
  const gc = collector();
  const spec = { targets: [target], group: 'c4', output: 'invariant', probesCount: 64, seed: 0 };
  const readings: { rss: number; heap: number }[] = [];
  for (let i = 0; i < count; i++) {
    await runAudit(spec, { fs: nodeFiles, backend });
    gc();
    const m = process.memoryUsage();
    readings.push({ rss: m.rss / 1048576, heap: m.heapUsed / 1048576 });
  }
  const first = readings[0]!;
  const last = readings[count - 1]!;
  console.log(`RSS over ${count} audits in one process: ${label}, C4, 64 synthetic probes, collected before each reading`);
  console.log(`   after audit 1: ${first.rss.toFixed(0)} MB · after audit ${count}: ${last.rss.toFixed(0)} MB · ratio ${(last.rss / first.rss).toFixed(3)} (target ≤ 1.10)`);
  console.log(`   JS heap: ${first.heap.toFixed(1)} MB → ${last.heap.toFixed(1)} MB\n`);
}
