// Static findings on graph models: crafted GraphDef JSON (parseable topology + manifest shapes,
// not loadable), one positive and one negative case per architecture rule.
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTopology, type Finding } from '../src/core/checks';
import { toModelJson, type ModelJson } from '../src/core/load/modelJson';
import { graphArtifacts, makeCnn } from './helpers/modelFixtures';

type Attr = Record<string, unknown>;
interface Node {
  name: string;
  op: string;
  input?: string[];
  attr?: Attr;
}
const s = (v: string) => ({ s: btoa(v) });
const ints = (...v: number[]) => ({ list: { i: v.map(String) } });
const f32 = { type: 'DT_FLOAT' };

const input = (name: string, dims: number[]): Node => ({
  name,
  op: 'Placeholder',
  attr: { dtype: f32, shape: { shape: { dim: dims.map((d) => ({ size: String(d) })) } } },
});
const konst = (name: string, tensor: Attr = {}): Node => ({ name, op: 'Const', attr: { dtype: f32, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: {}, ...tensor } } } });
/** A convolution-like op reading `from` with the filter Const `filter` (its shape goes in the manifest). */
function conv(name: string, from: string, filter: string, a: { op?: string; strides?: number; padding?: string; dilations?: number[]; explicit?: number[]; nchw?: boolean } = {}): Node {
  const st = a.strides ?? 1;
  return {
    name,
    op: a.op ?? 'Conv2D',
    input: [from, filter],
    attr: {
      T: f32,
      padding: s(a.padding ?? 'SAME'),
      data_format: s(a.nchw ? 'NCHW' : 'NHWC'),
      strides: a.nchw ? ints(1, 1, st, st) : ints(1, st, st, 1),
      dilations: ints(...(a.dilations ?? [1, 1, 1, 1])),
      explicit_paddings: a.explicit ? ints(...a.explicit) : { list: {} },
    },
  };
}
const pool = (name: string, from: string, op: string, k: number, st: number, padding = 'VALID'): Node => ({
  name,
  op,
  input: [from],
  attr: { T: f32, ksize: ints(1, k, k, 1), strides: ints(1, st, st, 1), padding: s(padding), data_format: s('NHWC') },
});

/** A graph model from nodes and the shapes of its weights (Const values are not needed). */
function graph(node: Node[], weights: Record<string, number[]> = {}): ModelJson {
  const specs = Object.entries(weights).map(([name, shape]) => ({ name, shape, dtype: 'float32' as const }));
  return toModelJson({ format: 'graph-model', modelTopology: { node, library: {}, versions: {} }, weightsManifest: [{ paths: [], weights: specs }] }, 'graph');
}
/** x (size×size×1) → one op `op` reading x (and filter 'w' of shape `filter`). */
const single = (op: Node, filter: number[] = [3, 3, 1, 4], size = 16) => graph([input('x', [-1, size, size, 1]), konst('w'), op], { w: filter });

const run = (json: ModelJson, group: string, shape: (number | null)[] = [], constants?: Map<string, number[]>) => analyzeTopology(json, group, shape, { constants });
const kinds = (fs: Finding[]) => fs.map((f) => `${f.kind}@${f.node}`);

describe('graph: kernel-not-square / dilation-not-isotropic', () => {
  test('a 1×5 filter under c4 names the node; square filters and flips are fine', () => {
    const fs = run(single(conv('net/conv1/Conv2D', 'x', 'w'), [1, 5, 1, 4]), 'c4');
    assert.deepEqual(kinds(fs), ['kernel-not-square@net/conv1/Conv2D']);
    assert.equal(fs[0]!.layer, 'net/conv1/Conv2D');
    assert.equal(fs[0]!.layerIndex, 2);
    assert.match(fs[0]!.evidence, /1×5 kernel becomes 5×1 under rot90/);
    assert.deepEqual(run(single(conv('c', 'x', 'w')), 'd4'), []);
    assert.deepEqual(run(single(conv('c', 'x', 'w'), [1, 5, 1, 4]), 'flip-h'), []);
  });
  test('the filter is found through Identity, for fused and depthwise ops too', () => {
    const json = graph(
      [
        input('x', [-1, 16, 16, 1]),
        konst('w'),
        { name: 'w/read', op: 'Identity', input: ['w'] },
        konst('b'),
        { ...conv('fused', 'x', 'w/read', { op: '_FusedConv2D' }), input: ['x', 'w/read', 'b'] },
        conv('dw', 'fused', 'w', { op: 'DepthwiseConv2dNative' }),
      ],
      { w: [3, 1, 1, 1], b: [1] },
    );
    assert.deepEqual(kinds(run(json, 'c4')), ['kernel-not-square@fused', 'kernel-not-square@dw']);
  });
  test('per-axis dilations under d4 only', () => {
    assert.deepEqual(kinds(run(single(conv('c', 'x', 'w', { dilations: [1, 1, 2, 1] })), 'd4')), ['dilation-not-isotropic@c']);
    assert.deepEqual(run(single(conv('c', 'x', 'w', { dilations: [1, 2, 2, 1] })), 'd4'), []);
    assert.deepEqual(run(single(conv('c', 'x', 'w', { dilations: [1, 1, 2, 1] })), 'flip-v'), []);
  });
});

describe('graph: even-kernel-same-padding', () => {
  test('a 2×2 depthwise filter with SAME padding under a flip; VALID is fine', () => {
    const fs = run(single(conv('dw', 'x', 'w', { op: 'DepthwiseConv2dNative' }), [2, 2, 1, 1]), 'flip-h');
    assert.deepEqual(kinds(fs), ['even-kernel-same-padding@dw']);
    assert.match(fs[0]!.evidence, /2×2 window with 'same' padding spans 2 columns: TF pads 0 before and 1 after/);
    assert.deepEqual(run(single(conv('dw', 'x', 'w', { op: 'DepthwiseConv2dNative', padding: 'VALID' }), [2, 2, 1, 1]), 'flip-h'), []);
  });
  test('the real fixture graph: a 2×2 SAME Conv2D is flagged, the 3×3 one is not', () => {
    const json = (k: number) => {
      const model = makeCnn({ kernelSize: k });
      const a = graphArtifacts(model);
      model.dispose();
      return toModelJson({ format: a.format, modelTopology: a.modelTopology, weightsManifest: [{ paths: [], weights: a.weightSpecs! }] }, 'fixture');
    };
    assert.deepEqual(kinds(run(json(2), 'd4')), ['even-kernel-same-padding@conv']);
    assert.deepEqual(run(json(3), 'd4'), []);
  });
});

describe('graph: stride-misaligned', () => {
  test('sizes come from the placeholder and propagate: VALID 3×3 (16 → 14), then stride 2', () => {
    const json = graph([input('x', [-1, 16, 16, 1]), konst('w'), konst('k'), conv('a', 'x', 'w', { padding: 'VALID' }), { name: 'r', op: 'Relu', input: ['a'] }, conv('b', 'r', 'k', { strides: 2 })], {
      w: [3, 3, 1, 4],
      k: [1, 1, 4, 4],
    });
    const fs = run(json, 'c4');
    assert.deepEqual(kinds(fs), ['stride-misaligned@b']);
    assert.match(fs[0]!.evidence, /stride 2 on a 14×14 map .* rows 0, 2, …, 12 of 0…13 \(the last 1 rows are never read\)/);
  });
  test('pools: 2×2 on 15×15 is flagged under flip-v, on 16×16 not; the caller’s input shape wins', () => {
    const maxpool = (size: number) => single(pool('p', 'x', 'MaxPool', 2, 2), undefined, size);
    assert.deepEqual(kinds(run(maxpool(15), 'flip-v')), ['stride-misaligned@p']);
    assert.match(run(maxpool(15), 'flip-v')[0]!.evidence, /MaxPool 2×2.*rows 0.5, 2.5, …, 12.5 of 0…14/);
    assert.deepEqual(run(maxpool(16), 'flip-v'), []);
    assert.deepEqual(kinds(run(maxpool(16), 'flip-v', [null, 15, 15, 1])), ['stride-misaligned@p']);
    assert.deepEqual(kinds(run(single(pool('p', 'x', 'AvgPool', 3, 3)), 'translate')), ['stride-misaligned@p']);
    assert.deepEqual(run(single(pool('p', 'x', 'AvgPool', 2, 2)), 'translate'), []);
  });
  test('NCHW strides, and EXPLICIT padding whose last pad is never read', () => {
    const nchw = graph([input('x', [-1, 1, 16, 16]), konst('w'), conv('c', 'x', 'w', { strides: 2, nchw: true })], { w: [3, 3, 1, 4] });
    assert.deepEqual(kinds(run(nchw, 'd4')), ['stride-misaligned@c']);
    // pads 1/1 on 16 with stride 2: the last window ends before the bottom pad (asymmetric); on 15 it reads it
    const explicit = (size: number) => single(conv('c', 'x', 'w', { strides: 2, padding: 'EXPLICIT', explicit: [0, 0, 1, 1, 1, 1, 0, 0] }), undefined, size);
    assert.deepEqual(kinds(run(explicit(16), 'c2')), ['stride-misaligned@c']);
    assert.match(run(explicit(16), 'c2')[0]!.evidence, /'explicit' padding.*TF pads 1 before and 0 after/);
    assert.deepEqual(run(explicit(15), 'c2'), []);
  });
  test('nodes out of dependency order are still sized', () => {
    const json = graph([conv('c', 'x', 'w', { strides: 2 }), konst('w'), input('x', [-1, 16, 16, 1])], { w: [3, 3, 1, 4] });
    assert.deepEqual(kinds(run(json, 'flip-h')), ['stride-misaligned@c']);
  });
});

describe('graph: asymmetric-crop-or-pad', () => {
  const padded = (op: string, paddings: Node) => graph([input('x', [-1, 16, 16, 1]), paddings, { name: 'pad', op, input: ['x', 'paddings'] }]);
  test('Pad with its paddings from the weights: left ≠ right under flip-h; symmetric is fine', () => {
    const json = padded('Pad', konst('paddings'));
    const fs = run(json, 'flip-h', [], new Map([['paddings', [0, 0, 0, 1, 0, 1, 0, 0]]]));
    assert.deepEqual(kinds(fs), ['asymmetric-crop-or-pad@pad']);
    assert.match(fs[0]!.evidence, /pads top 0, bottom 1, left 0, right 1: left ≠ right, not symmetric under flip-h/);
    assert.deepEqual(run(json, 'd4', [], new Map([['paddings', [0, 0, 1, 1, 1, 1, 0, 0]]])), []);
    assert.deepEqual(run(json, 'flip-h'), []); // values unknown: nothing claimed
  });
  test('MirrorPad with inline values; rows ≠ columns under c4', () => {
    const json = padded('MirrorPad', konst('paddings', { intVal: [0, 0, 1, 1, 2, 2, 0, 0], tensorShape: { dim: [{ size: '4' }, { size: '2' }] } }));
    assert.match(run(json, 'c4')[0]!.evidence, /rows and columns differ/);
    assert.deepEqual(run(json, 'c2'), []);
  });
  test('Slice and StridedSlice crops; sizes follow them', () => {
    const sliced = (op: string, extra: Attr = {}) =>
      graph(
        [
          input('x', [-1, 16, 16, 1]),
          konst('b'),
          konst('e'),
          konst('st'),
          konst('w'),
          { name: 'crop', op, input: op === 'Slice' ? ['x', 'b', 'e'] : ['x', 'b', 'e', 'st'], attr: extra },
          conv('c', 'crop', 'w', { strides: 2 }),
        ],
        { w: [3, 3, 1, 4] },
      );
    const slice = run(
      sliced('Slice'),
      'flip-h',
      [],
      new Map([
        ['b', [0, 1, 1, 0]],
        ['e', [-1, 14, 15, -1]],
      ]),
    );
    assert.deepEqual(kinds(slice), ['asymmetric-crop-or-pad@crop']);
    assert.match(slice[0]!.evidence, /crops top 1, bottom 1, left 1, right 0: left ≠ right/);
    // begin/end masks on batch and channels; one pixel off every border: 14×14, then stride 2 is flagged
    const consts = new Map([
      ['b', [0, 1, 1, 0]],
      ['e', [0, -1, -1, 0]],
      ['st', [1, 1, 1, 1]],
    ]);
    const strided = run(sliced('StridedSlice', { begin_mask: { i: '9' }, end_mask: { i: '9' } }), 'd4', [], consts);
    assert.deepEqual(kinds(strided), ['stride-misaligned@c']);
    assert.match(strided[0]!.evidence, /14×14 map/);
  });
  test('EXPLICIT padding on a stride-1 conv; a Pad on a sequence under reverse', () => {
    const fs = run(single(conv('c', 'x', 'w', { padding: 'EXPLICIT', explicit: [0, 0, 0, 2, 0, 2, 0, 0] })), 'flip-v');
    assert.deepEqual(kinds(fs), ['asymmetric-crop-or-pad@c']);
    assert.match(fs[0]!.evidence, /explicit padding pads top 0, bottom 2/);
    assert.deepEqual(run(single(conv('c', 'x', 'w', { padding: 'EXPLICIT', explicit: [0, 0, 1, 1, 1, 1, 0, 0] })), 'd4'), []);
    const seq = graph([input('x', [-1, 16, 2]), konst('paddings'), { name: 'pad', op: 'Pad', input: ['x', 'paddings'] }]);
    const consts = (v: number[]) => new Map([['paddings', v]]);
    assert.match(run(seq, 'reverse', [], consts([0, 0, 1, 0, 0, 0]))[0]!.evidence, /pads start 1, end 0: start ≠ end, not symmetric under reverse/);
    assert.deepEqual(run(seq, 'reverse', [], consts([0, 0, 1, 1, 0, 0])), []);
    assert.deepEqual(run(seq, 'shift', [], consts([0, 0, 1, 0, 0, 0])), []);
  });
});
