// The panel's side of an audit that runs in this webview: it answers the host's adapter question
// (no tfjs needed), imports the engine bundle when asked to compute, relays file-metadata
// requests to the host and streams the engine's events back.
import type { ComputeFromPanel, ComputeToPanel, MetaOp } from '../../protocol';
import { detectAdapter } from '../compute/adapter';
import type * as Engine from '../engine';

type Post = (m: ComputeFromPanel) => void;

/** Handles ComputeToPanel messages; returns false for messages that are not its own. */
export function computeClient(post: Post): (msg: { kind: string }) => boolean {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const running = new Map<number, AbortController>();
  let nextFs = 0;

  const meta = (op: MetaOp, path: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextFs++;
      pending.set(id, { resolve, reject });
      post({ kind: 'fs', id, op, path });
    });

  async function compute(m: Extract<ComputeToPanel, { kind: 'compute' }>): Promise<void> {
    const abort = new AbortController();
    running.set(m.id, abort);
    let engine: typeof Engine | null = null;
    try {
      engine = (await import(/* webpackIgnore: true */ m.engineUri)) as typeof Engine;
      // The report arrives as the 'finished' event.
      await engine.computeAudit(m.request, { meta, signal: abort.signal, onEvent: (event) => post({ kind: 'computeEvent', id: m.id, event }) });
    } catch (e) {
      const f = engine ? engine.auditFailure(e) : { kind: 'failed' as const, message: `internal error: cannot load the engine: ${String(e)}`, inputError: false };
      post(f.kind === 'cancelled' ? { kind: 'computeCancelled', id: m.id } : { kind: 'computeFailed', id: m.id, message: f.message, inputError: f.inputError });
    } finally {
      running.delete(m.id);
    }
  }

  return (msg) => {
    const m = msg as ComputeToPanel;
    switch (m.kind) {
      case 'detectAdapter':
        void detectAdapter().then((adapter) => post({ kind: 'adapter', adapter }));
        return true;
      case 'compute':
        void compute(m);
        return true;
      case 'computeCancel':
        running.get(m.id)?.abort();
        return true;
      case 'fsResult': {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error('not found'));
        return true;
      }
      default:
        return false;
    }
  };
}
