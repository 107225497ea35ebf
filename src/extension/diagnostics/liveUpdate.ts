import { looksLikeModel, type DocumentAnalysis } from './findingDiagnostics';

/** What to do with a document's diagnostics after analysing its current text. */
export type DiagnosticsUpdate = 'set' | 'clear' | 'keep';

/**
 * 'set' the new findings when the text parses; 'keep' the previous ones while a model is half
 * typed (invalid JSON for a moment should not make the Problems panel flicker empty); 'clear'
 * when the text is no model at all any more.
 */
export function diagnosticsUpdate(text: string, analysis: DocumentAnalysis | null): DiagnosticsUpdate {
  if (analysis) return 'set';
  return looksLikeModel(text) ? 'keep' : 'clear';
}

/** setTimeout/clearTimeout, injectable so tests run without waiting. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/** Runs the last function scheduled per key once `ms` pass without another: one analysis per typing pause. */
export class KeyedDebounce<K> {
  private readonly pending = new Map<K, unknown>();

  constructor(
    private readonly ms: number,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  schedule(key: K, fn: () => void): void {
    this.cancel(key);
    this.pending.set(
      key,
      this.timers.set(() => {
        this.pending.delete(key);
        fn();
      }, this.ms),
    );
  }

  /** Drops what is pending for `key` (a closed document, or an update that ran sooner, on save). */
  cancel(key: K): void {
    if (!this.pending.has(key)) return;
    this.timers.clear(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}
