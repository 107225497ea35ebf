import { architecture } from './architecture';
import { augmentation } from './augmentation';
import { distillation } from './distillation';
import { ensembleSize } from './ensembleSize';
import type { FixFamily } from './family';
import { initialisation } from './initialisation';
import { symmetrisation } from './symmetrisation';

/** Every fix family, explicitly (like checks/rules): THEORY §1's conditions first, then remedies beyond them. */
export const FIX_FAMILIES: readonly FixFamily[] = [architecture, initialisation, augmentation, ensembleSize, symmetrisation, distillation];
