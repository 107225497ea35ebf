// What a group's code snippets are made of: shared by groupCode.ts and the per-group modules it picks from.

/** One framework's code for a group: `transform(x, g)` plus how to pick elements. */
export interface FrameworkCode {
  /** Source of `transform(x, g)`; tfjs distinguishes one sample from a batch (axes move by one). */
  transform(batch: boolean): string;
  /** Expression for a uniformly random g. */
  draw: string;
  /** Expression listing every g (symmetrisation), or null when the group is too large. */
  all: string | null;
  /** Expression for g⁻¹ given the expression for g. */
  inverse(g: string): string;
}

/** Source code acting by a group in tfjs (TypeScript), Keras (TensorFlow) and PyTorch. */
export interface GroupCode {
  /** For comments: 'C4', 'D4', 'flip-h', 'translations', …. */
  label: string;
  order: number;
  /** What the parameter g of transform() is, for its doc comment. */
  param: string;
  /** g is an element index in the report's order, so per-element tables (class permutations) apply. */
  indexed: boolean;
  /** Dihedral groups act on kernels (C4/D4 turn them); translations and permutations leave them be. */
  movesKernels: boolean;
  tfjs: FrameworkCode;
  keras: FrameworkCode;
  pytorch: FrameworkCode;
  /** What each framework's stock augmentation layers cover, as a comment line (or ''). */
  notes: { keras: string; pytorch: string };
}

/** Largest group a symmetrisation snippet enumerates (each element costs one forward pass). */
export const MAX_ENUMERATED = 64;
