// Keras class names that several readers of a layers topology group alike (costs in flops.ts,
// the walk in checks/topology.ts, weight moves, per-layer floors): one list each, so a new
// spelling is added once.

/** Global poolings, 1-D and 2-D, under both of Keras's spellings: they remove the sites. */
export const GLOBAL_POOL_CLASSES: readonly string[] = [
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'GlobalAvgPool2D',
  'GlobalMaxPool2D',
  'GlobalAveragePooling1D',
  'GlobalMaxPooling1D',
  'GlobalAvgPool1D',
  'GlobalMaxPool1D',
];

/** Merges of same-shaped inputs, elementwise (Concatenate, which joins them, is not one). */
export const ELEMENTWISE_MERGE_CLASSES: readonly string[] = ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'];
