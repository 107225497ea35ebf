/** The generated validator files: path (from the repository root) → source. */
export function validatorSources(): Promise<Record<string, string>>;
