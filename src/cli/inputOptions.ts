import { InvalidArgumentError, Option, type Command } from 'commander';
import { INPUT_LAYOUTS, type InputLayoutOption } from '../core/audit/inputLayout';
import { parseInputShape } from '../core/audit/inputShape';
import type { AuditSpec } from '../core/audit/spec';
import { EquiLensError } from '../core/errors';
import { toPosix } from '../node/nodeFiles';

/** The input flags as commander parses them (issue 12: layout, dynamic sizes, fixed inputs). */
export interface InputOptions {
  inputLayout?: InputLayoutOption;
  inputShape?: number[];
  /** name → .npy path as given (relative to the working directory). */
  fixedInput?: Record<string, string>;
}

/** Adds --input-layout, --input-shape and --fixed-input (repeatable) to `cmd`. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--input-layout <layout>', 'axis order of the audited input: auto picks nchw for [N, 1|3|4, H, W] inputs whose last size is not 1, 3 or 4').choices(INPUT_LAYOUTS).default('auto'),
    )
    .option('--input-shape <dims>', "the audited input's non-batch sizes in the model's own axis order, for sizes it leaves open (e.g. 320x320x3, or 3x416x416 for NCHW)", shapeArg)
    .option('--fixed-input <name=file.npy>', 'value of another model input, held fixed (repeatable; default: zeros of its declared shape)', fixedArg);
}

/** The spec fields these flags set; paths resolved against the working directory. */
export function inputSpec(o: InputOptions): Pick<AuditSpec, 'inputLayout' | 'inputShape' | 'fixedInputs'> {
  const fixed = o.fixedInput && Object.fromEntries(Object.entries(o.fixedInput).map(([k, v]) => [k, toPosix(v)]));
  return {
    ...(o.inputLayout && o.inputLayout !== 'auto' && { inputLayout: o.inputLayout }),
    ...(o.inputShape && { inputShape: o.inputShape }),
    ...(fixed && { fixedInputs: fixed }),
  };
}

function shapeArg(v: string): number[] {
  try {
    return parseInputShape(v);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof EquiLensError ? 'expected positive sizes separated by x, e.g. 320x320x3' : String(e));
  }
}

function fixedArg(v: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = v.indexOf('=');
  if (at <= 0 || at === v.length - 1) throw new InvalidArgumentError('expected <input name>=<file.npy>');
  const name = v.slice(0, at).trim();
  if (previous && name in previous) throw new InvalidArgumentError(`input '${name}' is given twice`);
  return { ...previous, [name]: v.slice(at + 1) };
}
