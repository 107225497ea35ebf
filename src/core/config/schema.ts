/**
 * JSON Schema of `equilens.config.json` (draft-07). schema/config.schema.json is this object
 * written out (test/config.test.ts keeps the two equal); VS Code reads that file through
 * `contributes.jsonValidation`, the loader validates with this one.
 */

const ratio = (what: string) => ({
  type: ['number', 'null'],
  minimum: 0,
  markdownDescription: `${what} (a fraction: 0.05 = 5 %). \`null\` turns a value set in \`defaults\` off.`,
});

const thresholds = {
  type: 'object',
  additionalProperties: false,
  markdownDescription: 'Limits `equilens check` enforces; a failed one makes it exit 1. See [Thresholds](https://github.com/equilens/equilens/blob/main/docs/configuration.md#thresholds).',
  properties: {
    maxFloor: ratio('Largest ensemble floor (the estimated relError of the infinite ensemble)'),
    maxEnsembleRelError: ratio('Largest relError of the ensemble mean (of the model, for a single model)'),
    maxMemberRelError: ratio('Largest relError of any member'),
    minAgreement: { ...ratio('Smallest agreement of the ensemble mean: the share of transformed probes that keep their class'), maximum: 1 },
    maxDiv: ratio('Largest DIV (symmetrised KL between moved and transformed class distributions) of the ensemble mean'),
  },
};

const probes = {
  type: ['string', 'object'],
  additionalProperties: false,
  markdownDescription: 'A `.npy` file or a folder of PNG/JPEG images (relative to this file), or an object with `path`, `count`, `mean`, `std`. Absent: seeded synthetic probes.',
  properties: {
    path: { type: 'string', markdownDescription: 'A `.npy` file or an image folder, relative to this file; absent: synthetic probes.' },
    // DEFAULT_LIMITS.maxProbes: more would be refused by the audit anyway (exit 2), here it names the key.
    count: { type: 'integer', minimum: 1, maximum: 65_536, markdownDescription: 'Synthetic probes (default 32), or the most taken from `path` (default all); at most 65 536.' },
    mean: { type: 'array', items: { type: 'number' }, minItems: 1, markdownDescription: 'Per-channel mean subtracted after scaling to [0, 1].' },
    std: { type: 'array', items: { type: 'number', exclusiveMinimum: 0 }, minItems: 1, markdownDescription: 'Per-channel std dividing after `mean`.' },
  },
};

const output = {
  type: ['string', 'object'],
  pattern: '^(invariant|same|same;.+|classes:.+|points:.+)$',
  additionalProperties: false,
  required: ['classes'],
  markdownDescription:
    'How outputs should transform: `invariant`, `same` (maps; `same;<gen>=<perm>…` also permutes channels), `classes:<gen>=<perm>;…`, `points:<fields>[,<frame>][;<gen>=<perm>…]` (keypoints, e.g. `points:yxs;flip-h=0,2,1`), or `{ "classes": { "flip-h": [1, 0, 2] } }` (a class permutation per generator).',
  properties: {
    classes: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2 },
    },
  },
};

/** The fixed group names (makeGroup's GROUP_NAMES, which test/config.test.ts keeps equal). */
export const FIXED_GROUPS = ['flip-h', 'flip-v', 'c2', 'c4', 'd4', 'translate', 'shift', 'reverse', 'permute'];

const settings = {
  group: {
    // A fixed name, or a continuous rotation group (groups/continuous/names.ts; makeGroup caps n at 360).
    type: 'string',
    pattern: `^(${FIXED_GROUPS.join('|')}|(rot|dih):([2-9]|[1-9][0-9]+)|so2:[1-9][0-9]*)$`,
    examples: [...FIXED_GROUPS, 'rot:8', 'rot:16', 'dih:8', 'so2:16'],
    markdownDescription:
      'Symmetry group (see [Groups](https://github.com/equilens/equilens/blob/main/docs/cli.md#groups)): one of ' +
      FIXED_GROUPS.map((g) => `\`${g}\``).join(', ') +
      ', or any-angle rotations `rot:<n>` (C_n), `dih:<n>` (D_n), `so2:<m>` (m seeded angles) — see [docs/groups.md](https://github.com/equilens/equilens/blob/main/docs/groups.md). Default `c4`.',
  },
  output,
  probes,
  backend: { enum: ['auto', 'tensorflow', 'wasm', 'cpu'], markdownDescription: 'tfjs backend. Default `auto`.' },
  seed: { type: 'integer', minimum: 0, markdownDescription: 'Seed for synthetic probes, sampled groups and the bootstrap. Default 0.' },
  batchSize: { type: 'integer', minimum: 1, markdownDescription: 'First batch size tried (default: estimated from the model).' },
  workers: { type: 'integer', minimum: 1, markdownDescription: 'Worker threads evaluating members, one engine each (default: every core; `1`: one thread). The report is the same for any number.' },
  inputName: { type: 'string', markdownDescription: 'Model input to feed (multi-input models).' },
  inputLayout: {
    enum: ['auto', 'nhwc', 'nchw'],
    markdownDescription: 'Axis order of the audited input. `auto` (default) picks `nchw` for `[N, 1|3|4, H, W]` inputs whose last size is not 1, 3 or 4.',
  },
  inputShape: {
    type: ['string', 'array'],
    pattern: '^[1-9][0-9]*(x[1-9][0-9]*)*$',
    items: { type: 'integer', minimum: 1 },
    minItems: 1,
    markdownDescription: 'The audited input\'s non-batch sizes in the model\'s own axis order, for sizes the model leaves open: `"320x320x3"` or `[320, 320, 3]` (`3x416x416` for NCHW).',
  },
  fixedInputs: {
    type: 'object',
    // Inside this file's folder: a config in a cloned repository names no file elsewhere.
    additionalProperties: { type: 'string', minLength: 1, pattern: '^(?![/\\\\]|[A-Za-z]:)(?!(.*[/\\\\])?\\.\\.([/\\\\]|$)).+$' },
    markdownDescription: 'Values of the other model inputs, held fixed: input name → `.npy` file (relative to this file, inside its folder). Inputs not named are zeros of their declared shape.',
  },
  outputName: { type: 'string', markdownDescription: 'Model output to audit (multi-output models).' },
  outputKind: {
    enum: ['auto', 'logits', 'probabilities', 'binary', 'regression', 'embedding'],
    markdownDescription: 'How outputs are read: `auto` (default: detected from the audited output), or a kind that overrides detection; `regression` and `embedding` get relError and absError only.',
  },
  localise: { type: 'boolean', markdownDescription: 'Per-layer floors (where symmetry breaks). Default on.' },
  lie: {
    type: 'boolean',
    markdownDescription:
      'Also report the Lie derivative: local equivariance error along the rotation generator (x and y shifts with `translate`), per member, ensemble and layer (docs/lie.md). Default off.',
  },
  engine: {
    enum: ['auto', 'tfjs', 'onnxruntime'],
    markdownDescription:
      'Engine for TF.js layers models. `auto` (default): translated to ONNX and run by onnxruntime-node when every layer translates and it is installed, else tfjs; `onnxruntime`: fail instead of falling back.',
  },
  thresholds,
};

const models = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  ],
  markdownDescription:
    'Folders (each one an ensemble, like `equilens audit <folder>`), model JSON or `.onnx` files (those one entry matches form one ensemble) or globs (`*`, `**`, `?`, e.g. `models/*.onnx`), relative to this file.',
};

/** The config file's schema; `allowComments`/`allowTrailingCommas` tell VS Code it is JSON with comments. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'EquiLens configuration (equilens.config.json)',
  type: 'object',
  allowComments: true,
  allowTrailingCommas: true,
  additionalProperties: false,
  required: ['audits'],
  properties: {
    $schema: { type: 'string' },
    defaults: {
      type: 'object',
      additionalProperties: false,
      markdownDescription: 'Settings every audit takes unless it sets its own (thresholds merge key by key).',
      properties: settings,
    },
    audits: {
      type: 'array',
      minItems: 1,
      markdownDescription: 'The audits `equilens check` runs.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['models'],
        properties: {
          name: { type: 'string', minLength: 1, markdownDescription: 'Shown in every output; default: the first models entry.' },
          models,
          ...settings,
        },
      },
    },
  },
} as const;
