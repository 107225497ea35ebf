import { renderComparison } from '../../../src/core/report';
import { auditC16, C16_GROUP, type C16Audit } from './audit';
import { c16Conclusion } from './verdict';

const PROBES = 'examples/c16-probes/test-images.npy';
const EXAMPLES = [
  { name: '(d) disk-like 5×5 support + C16 augmentation', dir: 'examples/c16-compatible' },
  { name: '(e) L-shaped 5×5 support + C16 augmentation', dir: 'examples/c16-asymmetric' },
];

const f3 = (x: number) => x.toFixed(3);

/** `npm run demo`'s last section: the C16 examples under rot:16, side by side, and what they show. */
export async function c16Demo(backend: string): Promise<void> {
  const t0 = performance.now();
  const audits: C16Audit[] = [];
  for (const ex of EXAMPLES) audits.push(await auditC16(ex.dir, PROBES, backend));
  process.stdout.write(`\n== the paper's C16 experiment in small: equilens audit <ensemble> --group ${C16_GROUP} --probes ${PROBES}\n`);
  process.stdout.write(renderComparison(EXAMPLES.map((ex, i) => ({ name: ex.name, report: audits[i]!.report }))));
  for (const [i, ex] of EXAMPLES.entries()) {
    const a = audits[i]!;
    const osp = a.memberOsp.reduce((s, v) => s + v, 0) / a.memberOsp.length;
    const curve = a.report.ensemble!.curve.map((c) => `k=${c.k} ${f3(c.relError)}`).join(' · ');
    process.stdout.write(
      `${ex.name.slice(0, 3)} floor ${f3(a.floor)} [${f3(a.floorCI[0])}, ${f3(a.floorCI[1])}] · OSP ${f3(osp)} per member → ${f3(a.osp)} ensemble (of 16) · relError by size: ${curve}\n`,
    );
  }
  const interp = audits[0]!.interpolationFloor;
  if (interp === null) {
    process.stdout.write('this build reports no interpolation floor, so the C16 comparison cannot be judged\n');
    return;
  }
  process.stdout.write(`interpolation floor (an invariant function under the same resampling): ${f3(interp)}\n`);
  process.stdout.write(`${c16Conclusion(audits[0]!, audits[1]!, interp)}\n`);
  process.stdout.write(`(C16 section: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
