// issue 16, point 3: the paper's C16 experiment in small, on the committed examples. Both ensembles
// saw the same data, full C16 augmentation (EquiLens's own resampling) and the same i.i.d. init
// law; only the filter support differs. Real rot:16 audits of the saved members, no stored numbers.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initBackend } from '../src/node/backend';
import { auditC16, type C16Audit } from '../scripts/examples/c16/audit';
import { nearInterpolationFloor } from '../scripts/examples/c16/verdict';

const PROBES = 'examples/c16-probes/test-images.npy';
let compatible: C16Audit;
let asymmetric: C16Audit;

before(async () => {
  const backend = await initBackend('auto');
  compatible = await auditC16('examples/c16-compatible', PROBES, backend.description);
  asymmetric = await auditC16('examples/c16-asymmetric', PROBES, backend.description);
});

test('both examples are audited under rot:16 with the held-out probes', () => {
  for (const a of [compatible, asymmetric]) {
    const r = a.report;
    assert.equal(r.group.name, 'rot:16');
    assert.equal(r.group.order, 16);
    assert.equal(r.group.elements[1], 'rot22.5');
    assert.equal(r.probes.source, 'npy');
    assert.equal(r.probes.count, 64);
    assert.deepEqual(r.probes.shape, [64, 21, 21, 1]);
    assert.equal(r.outputKind, 'probabilities');
    assert.equal(r.members.length, 8);
    assert.ok(a.osp >= 1 && a.osp <= 16, `OSP ${a.osp} in 1…16`);
    assert.ok(a.div >= 0);
    assert.ok(a.floorCI[0] <= a.floor && a.floor <= a.floorCI[1], `floor ${a.floor} inside ${a.floorCI}`);
  }
  // The interpolation floor depends on the probes and the resampling only, not on the models.
  assert.ok(compatible.interpolationFloor !== null, 'the report states the interpolation floor');
  assert.equal(asymmetric.interpolationFloor, compatible.interpolationFloor);
  assert.ok(compatible.interpolationFloor > 0, 'bilinear turns by 22.5° are not exact');
});

test('compatible support: members are not invariant, yet the ensemble floor ends near the interpolation floor', () => {
  const interp = compatible.interpolationFloor!;
  const members = [...compatible.memberRelError].sort((x, y) => x - y);
  const median = members[members.length >> 1]!;
  // Averaging does the work: no member is near the floor, their mean is.
  assert.ok(compatible.floor < 0.5 * median, `floor ${compatible.floor} well below the median member ${median}`);
  assert.ok(members[0]! > interp, `every member (best ${members[0]}) is above the interpolation floor ${interp}`);
  // Tolerance = the width of the floor's 95 % interval, the floor's own resolution with 8 members
  // (scripts/examples/c16/verdict.ts says why not less).
  const width = compatible.floorCI[1] - compatible.floorCI[0];
  assert.ok(nearInterpolationFloor(compatible.floor, compatible.floorCI, interp), `floor ${compatible.floor} [${compatible.floorCI}] within ${width} of the interpolation floor ${interp}`);
});

test('asymmetric support: the ensemble floor stays clearly above the interpolation floor', () => {
  const interp = asymmetric.interpolationFloor!;
  const width = asymmetric.floorCI[1] - asymmetric.floorCI[0];
  assert.ok(!nearInterpolationFloor(asymmetric.floor, asymmetric.floorCI, interp), `floor ${asymmetric.floor} [${asymmetric.floorCI}] more than ${width} above the interpolation floor ${interp}`);
  assert.ok(asymmetric.floorCI[0] > interp, 'its whole interval lies above the interpolation floor');
  // And above the compatible ensemble's floor: the support, not the sample, decides.
  assert.ok(asymmetric.floorCI[0] > compatible.floor, `asymmetric [${asymmetric.floorCI}] vs compatible ${compatible.floor}`);
  assert.ok(asymmetric.div > compatible.div, `DIV ${asymmetric.div} > ${compatible.div}`);
  assert.ok(asymmetric.osp < compatible.osp, `OSP ${asymmetric.osp} < ${compatible.osp}`);
});
