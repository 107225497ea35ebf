/*
 * Frames of point coordinates (issue 12), for an image axis of `size` pixels:
 *  unit      coordinates in [0, 1]                      flip: x → 1 − x
 *  pixels    continuous pixel coordinates in [0, size]   flip: x → size − x   (albumentations, MediaPipe)
 *  centers   pixel-index coordinates, 0 … size − 1      flip: x → size − 1 − x
 *  centered  pixels from the image centre               flip: x → −x
 * Each is an affine image of the centered pixel frame, where the group acts linearly (THEORY §2).
 */

/** The frame names, default first. */
export const POINT_FRAMES = ['unit', 'pixels', 'centers', 'centered'] as const;
export type PointFrame = (typeof POINT_FRAMES)[number];

/** Where a frame puts the image centre along an axis of `size` pixels, and pixels per frame unit. */
export function frameAxis(frame: PointFrame, size: number): { origin: number; pixels: number } {
  switch (frame) {
    case 'unit':
      return { origin: 0.5, pixels: size };
    case 'pixels':
      return { origin: size / 2, pixels: 1 };
    case 'centers':
      return { origin: (size - 1) / 2, pixels: 1 };
    case 'centered':
      return { origin: 0, pixels: 1 };
  }
}
