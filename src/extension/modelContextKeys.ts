import { dirname, isInside } from '../core/io/paths';

/** Context keys the Explorer's `when` clauses read with `resourcePath in …` (package.json menus). */
export const MODEL_FILES_KEY = 'equilens.modelFiles';
export const MODEL_FOLDERS_KEY = 'equilens.modelFolders';

/** The paths the Explorer's "Audit Symmetry…" is offered on. */
export interface ModelContext {
  /** Model files: JSONs recognised by content, .onnx files. */
  files: string[];
  /** Folders an audit of the folder would find a model in: the model's own folder and its parent (discoverMembers looks one level down). */
  folders: string[];
}

/**
 * The model files and the folders holding them, as '/'-paths, sorted and unique. Folders outside
 * every workspace root are left out: the Explorer never shows them, and the key stays small.
 */
export function modelContext(models: readonly string[], roots: readonly string[]): ModelContext {
  const folders = new Set<string>();
  for (const m of models) {
    const own = dirname(m);
    for (const f of [own, dirname(own)]) if (roots.some((r) => isInside(r, f))) folders.add(f);
  }
  return { files: [...new Set(models)].sort(), folders: [...folders].sort() };
}
