import { nameList } from '../titles';
import { windowShape } from '../evidence';
import { adviceFromChanges, layerNames, odd, type KindAdviser } from './change';

/** Square windows: odd k×k for convolutions (a centre pixel), the larger side for pools. */
export const kernelNotSquare: KindAdviser = (items) =>
  adviceFromChanges(`Square kernels in ${nameList(layerNames(items))}`, items, (f) => {
    const w = windowShape(f.finding.evidence);
    if (!w) return null;
    const [kh, kw] = w.kernel;
    const was = `${kh}×${kw}`;
    if (w.pool) {
      const k = Math.max(kh, kw);
      return { was, becomes: `a ${k}×${k} pool window`, tfjs: `poolSize: ${k},`, keras: `pool_size=${k},`, pytorch: `kernel_size=${k},` };
    }
    const k = odd(Math.max(kh, kw));
    const fewer = k > 3 ? ' (or 3×3, for fewer weights)' : '';
    return {
      was,
      becomes: `a square, odd ${k}×${k} kernel${fewer}`,
      tfjs: `kernelSize: ${k},`,
      keras: `kernel_size=${k},`,
      pytorch: `kernel_size=${k}, padding=${(k - 1) / 2},  # as 'same'; padding=0 for 'valid'`,
    };
  });
