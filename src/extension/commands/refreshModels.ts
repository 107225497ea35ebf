import type { Services } from '../services';

/** Refresh (the tree's title bar): scan the workspace for models again. */
export function refreshModels(s: Services) {
  return (): void => s.index.refresh();
}
