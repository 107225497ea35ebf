/** What a fix restores or adds: THEORY §1's three conditions, or what helps beyond them. */
export type FixCondition = 'architecture' | 'initialisation' | 'augmentation' | 'ensemble-size' | 'symmetrisation' | 'distillation';

/** Copyable code for the frameworks a fix applies to (absent where it does not apply). */
export interface Snippets {
  tfjs?: string;
  keras?: string;
  pytorch?: string;
}

/** One piece of advice: a concrete change, the theorem condition behind it, and what to expect. */
export interface Fix {
  /** Unique within a report: the condition plus what it answers, e.g. 'architecture:kernel-not-square'. */
  id: string;
  condition: FixCondition;
  title: string;
  /** What to change, with the layer names and sizes from the report. */
  what: string;
  /** Why: the theorem condition (THEORY §1) it restores, or what it does instead. */
  why: string;
  /** The expected effect in words, quantified from the report where it allows. */
  effect: string;
  /** The same as numbers: the audited error now and the error expected after (null: unknown). */
  expected: { metric: 'floor' | 'relError'; from: number | null; to: number | null };
  /** Ranking score, higher first: expected drop × confidence ÷ cost (see rank.ts). */
  score: number;
  /** Indices into report.findings that this fix answers. */
  findings: number[];
  /** The layers it changes, in model order. */
  layers: string[];
  snippets: Snippets;
}
