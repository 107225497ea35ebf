/** The button error notifications offer: it opens the EquiLens log at the entry just written. */
export const SHOW_LOG = 'Show Log';

/** What of vscode.LogOutputChannel the reporter uses, so tests pass a fake (no `vscode` import here). */
export interface ErrorLog {
  error(message: string): void;
  show(preserveFocus?: boolean): void;
}

/** vscode.window.showErrorMessage's shape. */
export type Notify = (message: string, ...items: string[]) => PromiseLike<string | undefined>;

/** The whole story of an error for the log: the stack when there is one (it names the error and its message), else its text. */
export function errorDetail(e: unknown): string {
  if (e instanceof Error) {
    const detail = (e as { detail?: unknown }).detail;
    const stack = e.stack ?? `${e.name}: ${e.message}`;
    return typeof detail === 'string' && detail ? `${stack}\n${detail}` : stack;
  }
  return String(e);
}

/** One line for a notification: the message, without the stack. */
export function errorLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? '';
}

/**
 * An error nobody expected: its stack goes to the log (kept, not dropped), and the user sees one
 * line with "Show Log", which opens the log. Resolves once the notification is dismissed.
 */
export async function reportUnexpected(log: ErrorLog, notify: Notify, what: string, e: unknown): Promise<void> {
  log.error(`${what} failed: ${errorDetail(e)}`);
  await offerLog(log, notify, `EquiLens: ${what} failed: ${errorLine(e)}`);
}

/** An error notification whose "Show Log" opens the log (for errors already written there). */
export async function offerLog(log: Pick<ErrorLog, 'show'>, notify: Notify, message: string): Promise<void> {
  const picked = await notify(message, SHOW_LOG);
  if (picked === SHOW_LOG) log.show(true);
}

/**
 * A command handler that reports what it throws through reportUnexpected instead of VS Code's
 * generic "command resulted in an error" (which drops the stack); what it returns is passed on.
 * `quiet` errors (a cancelled audit) end the command silently.
 */
export function guardCommand<A extends unknown[]>(
  id: string,
  handler: (...args: A) => unknown,
  o: { log: ErrorLog; notify: Notify; quiet?: (e: unknown) => boolean },
): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      if (o.quiet?.(e)) return undefined;
      void reportUnexpected(o.log, o.notify, id, e);
      return undefined;
    }
  };
}
