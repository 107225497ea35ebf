import { promises as fsp } from 'node:fs';
import { EquiLensError } from '../core/errors';

/** Writes via a temp file and rename, so readers never see a half-written report. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fsp.writeFile(tmp, data);
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw new EquiLensError(file, `cannot write: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
