import { plainText } from './report/escape';

/**
 * The one error type users see: a file (when one is to blame) and the problem, on one line.
 * Front ends print `message` as is and exit 2; they never print a stack for it.
 */
export class EquiLensError extends Error {
  constructor(
    readonly file: string | undefined,
    readonly problem: string,
  ) {
    // One line whatever the file name or a quoted model name holds (newlines, ESC, OSC…):
    // `file` and `problem` keep the exact text, the message is safe to print anywhere.
    super(plainText(file ? `${file}: ${problem}` : problem));
    this.name = 'EquiLensError';
  }
}

/** Throws an EquiLensError when `cond` is false. */
export function check(cond: unknown, file: string | undefined, problem: string): asserts cond {
  if (!cond) throw new EquiLensError(file, problem);
}
