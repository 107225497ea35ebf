import { nameList } from '../titles';
import { groupNeeds } from '../../checks/groupNeeds';
import { borderWidths } from '../evidence';
import { adviceFromChanges, layerNames, type KindAdviser, type OptionChange } from './change';

/** Equal widths on the borders the group swaps (all four under rotations); the larger width wins. */
export const asymmetricCropOrPad: KindAdviser = (items, _sample, group) =>
  adviceFromChanges(`Symmetric cropping and padding in ${nameList(layerNames(items))}`, items, (f): OptionChange | null => {
    const e = f.finding.evidence;
    const b = borderWidths(e);
    if (!b) return null;
    if (e.includes("'causal' padding")) {
      return {
        was: "'causal' padding",
        becomes: "'same' padding with an odd kernel",
        tfjs: "padding: 'same',",
        keras: 'padding="same",',
        pytorch: 'padding=(kernel_size - 1) // 2,  # odd kernel_size',
      };
    }
    const needs = groupNeeds(group);
    if (b.sides.length === 1) {
      const [s, t] = b.sides[0]!;
      const w = Math.max(s, t);
      const [was, becomes] = [`start ${s}, end ${t}`, `start ${w}, end ${w}`];
      return b.crop
        ? { was, becomes: `crop ${becomes}`, tfjs: `cropping: [${w}, ${w}],`, keras: `cropping=(${w}, ${w}),`, pytorch: `x = x[..., ${w}:x.shape[-1] - ${w}]` }
        : { was, becomes: `pad ${becomes}`, tfjs: `padding: [${w}, ${w}],`, keras: `padding=(${w}, ${w}),`, pytorch: `nn.ConstantPad1d((${w}, ${w}), 0.0),` };
    }
    let [[t, bo], [l, r]] = b.sides as [[number, number], [number, number]];
    const was = `top ${t}, bottom ${bo}, left ${l}, right ${r}`;
    if (needs.square) t = bo = l = r = Math.max(t, bo, l, r);
    if (needs.rows) t = bo = Math.max(t, bo);
    if (needs.cols) l = r = Math.max(l, r);
    const becomes = `top ${t}, bottom ${bo}, left ${l}, right ${r}`;
    if (b.crop) {
      return {
        was,
        becomes: `crop ${becomes}`,
        tfjs: `cropping: [[${t}, ${bo}], [${l}, ${r}]],`,
        keras: `cropping=((${t}, ${bo}), (${l}, ${r})),`,
        pytorch: `x = x[..., ${t}:x.shape[-2] - ${bo}, ${l}:x.shape[-1] - ${r}]`,
      };
    }
    return {
      was,
      becomes: `pad ${becomes}`,
      tfjs: `padding: [[${t}, ${bo}], [${l}, ${r}]],`,
      keras: `padding=((${t}, ${bo}), (${l}, ${r})),`,
      pytorch: `nn.ZeroPad2d((${l}, ${r}, ${t}, ${bo})),  # (left, right, top, bottom)`,
    };
  });
