import { nameList } from '../titles';
import { dilationRates } from '../evidence';
import { adviceFromChanges, layerNames, type KindAdviser } from './change';

/** The same dilation on both axes (the larger one keeps the receptive field). */
export const dilationNotIsotropic: KindAdviser = (items) =>
  adviceFromChanges(`Equal dilation in ${nameList(layerNames(items))}`, items, (f) => {
    const d = dilationRates(f.finding.evidence);
    if (!d) return null;
    const r = Math.max(...d);
    return { was: `dilation ${d[0]}×${d[1]}`, becomes: `dilation ${r}×${r}`, tfjs: `dilationRate: ${r},`, keras: `dilation_rate=${r},`, pytorch: `dilation=${r},` };
  });
