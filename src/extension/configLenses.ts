// Where the CodeLens of an equilens.config.json goes: one per entry of "audits", on the line its
// object opens, with what the entry's "models" say (pure: parsed from the editor's text).
import { isOnnxPath } from '../core/load/onnx/onnxFile';
import { nodeAt, parseConfig } from '../core/config/parse';
import { lineColumn } from '../core/config/textPosition';

/** One audit entry of a config's text. */
export interface ConfigEntry {
  /** Its index in "audits" (ResolvedAudit.index). */
  index: number;
  /** Its "name", or its first model as the config resolves it (resolve.ts). */
  name: string;
  /** 0-based line of its opening '{'. */
  line: number;
  /** Its "models", as written (one string or a list). */
  models: string[];
}

/** The entries of "audits" that are objects, in order; none when the text does not parse that far. */
export function configEntries(text: string): ConfigEntry[] {
  const root = parseConfig(text).root;
  const audits = nodeAt(root, ['audits']).value;
  if (audits?.type !== 'array') return [];
  const out: ConfigEntry[] = [];
  (audits.children ?? []).forEach((node, index) => {
    if (node.type !== 'object') return;
    const value = (key: string) => nodeAt(root, ['audits', index, key]).value;
    const m = value('models');
    const models = m?.type === 'string' ? [String(m.value)] : m?.type === 'array' ? (m.children ?? []).filter((c) => c.type === 'string').map((c) => String(c.value)) : [];
    const name = value('name');
    out.push({ index, name: name?.type === 'string' ? String(name.value) : (models[0] ?? `audits[${index}]`), line: lineColumn(text, node.offset).line - 1, models });
  });
  return out;
}

/** True when an entry's models name .onnx files (or a glob over them) by their extension. */
export function namesOnnxFiles(models: readonly string[]): boolean {
  return models.some((m) => isOnnxPath(m.replace(/\/+$/, '')));
}
