import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { renderCurveSvg } from '../../core/ci/curveSvg';
import { renderJunit } from '../../core/ci/junit';
import { renderCheckMarkdown } from '../../core/ci/markdown';
import { renderSarif, type SarifPlaces } from '../../core/ci/sarif';
import type { CheckRun } from '../../core/ci/types';
import { writeFileAtomic } from '../../node/writeFileAtomic';

/** What --format accepts; each goes to its own file in --out-dir. */
export const FORMATS = ['sarif', 'md', 'junit', 'json'] as const;
/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

/** The file each format is written to (the Markdown's chart sits next to it). */
export const OUTPUT_FILES: Record<Format, string> = {
  sarif: 'equilens.sarif',
  md: 'equilens.md',
  junit: 'equilens.junit.xml',
  json: 'equilens.json',
};
/** The Markdown's chart, written next to it. */
export const CHART_FILE = 'equilens-curve.svg';

/** Renders and writes the asked-for formats (stage three); returns the paths written. */
export async function writeOutputs(run: CheckRun, formats: readonly Format[], outDir: string, places: SarifPlaces, exitCode: 0 | 1): Promise<string[]> {
  const written: string[] = [];
  if (formats.length) await mkdir(outDir, { recursive: true });
  const put = async (name: string, data: string) => {
    const file = path.join(outDir, name);
    await writeFileAtomic(file, data);
    written.push(file);
  };
  for (const f of formats) {
    if (f === 'sarif') await put(OUTPUT_FILES.sarif, JSON.stringify(renderSarif(run, places), null, 2) + '\n');
    else if (f === 'junit') await put(OUTPUT_FILES.junit, renderJunit(run));
    else if (f === 'json') await put(OUTPUT_FILES.json, JSON.stringify(run, null, 2) + '\n');
    else {
      const svg = renderCurveSvg(run.audits);
      if (svg) await put(CHART_FILE, svg);
      await put(OUTPUT_FILES.md, renderCheckMarkdown(run, svg ? CHART_FILE : null, exitCode));
    }
  }
  return written;
}
