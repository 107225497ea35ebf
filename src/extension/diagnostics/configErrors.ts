import { CONFIG_FILE, formatConfigError, lineColumn, type ConfigError } from '../../core/config';
import { dirname, normalizePath } from '../../core/io/paths';

/** A 0-based line and character, as vscode.Position takes them. */
export interface LineChar {
  line: number;
  character: number;
}

/** A config error as a Problems-panel entry: its range in the text and the loader's message. */
export interface ConfigDiagnosticSpec {
  start: LineChar;
  end: LineChar;
  /** `audits[0].grup: unknown key "grup" (did you mean "group"?)`, as the CLI prints it. */
  message: string;
  /** The JSON path, shown as the diagnostic's code ('' for the whole document). */
  path: string;
}

/** The loader's errors at their exact offsets (pure: positions come from the text, not an editor). */
export function configDiagnosticSpecs(text: string, errors: readonly ConfigError[]): ConfigDiagnosticSpec[] {
  return errors.map((e) => ({
    start: position(text, e.offset),
    end: position(text, e.offset + e.length),
    message: formatConfigError(e),
    path: e.path,
  }));
}

/** True for `equilens.config.json` directly in one of the workspace folders ('/'-paths), where `equilens check` looks. */
export function isWorkspaceConfig(file: string, folders: readonly string[]): boolean {
  const f = normalizePath(file);
  return f.endsWith(`/${CONFIG_FILE}`) && folders.some((d) => normalizePath(d) === dirname(f));
}

/** 'equilens.config.json:2:32: audits[0].grup: …': the CLI's one line, for the error notification. */
export function configErrorLine(shown: string, e: ConfigError, more: number): string {
  return `${shown}:${e.line}:${e.column}: ${formatConfigError(e)}${more > 0 ? ` (and ${more} more)` : ''}`;
}

/** The 0-based position of `offset` in `text` (lineColumn is 1-based, for the CLI's messages). */
export function position(text: string, offset: number): LineChar {
  const { line, column } = lineColumn(text, offset);
  return { line: line - 1, character: column - 1 };
}
