import { readFileSync } from 'node:fs';
import type { SarifPlaces } from '../../core/ci/sarif';
import { lineColumn } from '../../core/config/textPosition';
import { joinPath, relativeTo } from '../../core/io/paths';
// Pure (jsonc-parser only, no vscode): the same ranges the editor's diagnostics underline.
import { layerRange } from '../../extension/diagnostics/layerRanges';

/**
 * Files and lines for SARIF: report paths (relative to the config's folder) become URIs relative
 * to the repository root; a layer's line comes from the model JSON's text, read once per file.
 */
export function sarifPlaces(configRoot: string, repoRoot: string): SarifPlaces {
  const texts = new Map<string, string | null>();
  const abs = (p: string) => joinPath(configRoot, p);
  const text = (p: string) => {
    if (!texts.has(p)) {
      try {
        texts.set(p, readFileSync(abs(p), 'utf8'));
      } catch {
        texts.set(p, null);
      }
    }
    return texts.get(p)!;
  };
  return {
    uri: (p) => encodeURI(relativeTo(repoRoot, abs(p))),
    line(p, layer, kind, evidence) {
      const t = text(p);
      const span = t === null ? null : layerRange(t, layer.name, layer.index, kind, evidence);
      return span ? lineColumn(t, span.start).line : null;
    },
  };
}
