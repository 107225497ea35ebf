import type { Rule } from '../rule';
import { asymmetricCropOrPad } from './asymmetricCropOrPad';
import { augmentationLayer } from './augmentationLayer';
import { dilationNotIsotropic } from './dilationNotIsotropic';
import { evenKernelSamePadding } from './evenKernelSamePadding';
import { frozenLayer } from './frozenLayer';
import { initNotInvariant } from './initNotInvariant';
import { kernelNotSquare } from './kernelNotSquare';
import { strideMisaligned } from './strideMisaligned';

/** Every static rule, in the order their findings are listed for a layer. */
export const RULES: readonly Rule[] = [kernelNotSquare, dilationNotIsotropic, evenKernelSamePadding, strideMisaligned, asymmetricCropOrPad, initNotInvariant, frozenLayer, augmentationLayer];
