// A vscode.CancellationTokenSource stand-in for the runner tests (no VS Code in unit tests).
import type { CancelToken } from '../../src/extension/auditRunner';

export function cancelSource(): { token: CancelToken; cancel(): void } {
  let requested = false;
  const listeners = new Set<() => void>();
  return {
    token: {
      get isCancellationRequested() {
        return requested;
      },
      onCancellationRequested: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    },
    cancel() {
      requested = true;
      for (const l of listeners) l();
    },
  };
}
