import { asymmetricCropOrPad } from './asymmetricCropOrPad';
import type { KindAdviser } from './change';
import { dilationNotIsotropic } from './dilationNotIsotropic';
import { evenKernelSamePadding } from './evenKernelSamePadding';
import { kernelNotSquare } from './kernelNotSquare';
import { strideMisaligned } from './strideMisaligned';

/** Concrete changes per architecture finding kind; other kinds get the generic fix. */
export const ARCHITECTURE_ADVISERS: Record<string, KindAdviser> = {
  'kernel-not-square': kernelNotSquare,
  'dilation-not-isotropic': dilationNotIsotropic,
  'even-kernel-same-padding': evenKernelSamePadding,
  'stride-misaligned': strideMisaligned,
  'asymmetric-crop-or-pad': asymmetricCropOrPad,
};
