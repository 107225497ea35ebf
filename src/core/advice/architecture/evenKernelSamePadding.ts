import { nameList } from '../titles';
import { evenWindow } from '../evidence';
import { adviceFromChanges, layerNames, odd, type KindAdviser } from './change';

/** An odd window has a centre pixel, so 'same' pads it equally on both sides. */
export const evenKernelSamePadding: KindAdviser = (items) =>
  adviceFromChanges(
    `Odd kernels in ${nameList(layerNames(items))}`,
    items,
    (f) => {
      const w = evenWindow(f.finding.evidence);
      if (!w) return null;
      const k = odd(Math.max(...w));
      const image = w.length === 2;
      return {
        was: `${image ? `${w[0]}×${w[1]}` : `size ${w[0]}`} with 'same' padding`,
        becomes: image ? `a ${k}×${k} window` : `a size-${k} window`,
        tfjs: `kernelSize: ${k}, // poolSize for a pooling layer`,
        keras: `kernel_size=${k},  # pool_size for a pooling layer`,
        pytorch: `kernel_size=${k}, padding=${(k - 1) / 2},`,
      };
    },
    "Or keep the window and use 'valid' padding, which pads nothing (the map shrinks by k − 1)",
  );
