// What a user does in the VS Code workbench, as Playwright steps: the command palette, quick
// picks, Quick Open, and elements inside webviews (which live in nested iframes).
import type { Frame, Locator, Page } from 'playwright-core';
import { TIMEOUT } from './codeServer';

export interface Workbench {
  page: Page;
  /** Runs a command palette entry by its full title ("EquiLens: Audit Ensemble…"). */
  runCommand(title: string): Promise<void>;
  /** Titles of the palette's commands that start with `prefix` ("EquiLens: "). */
  paletteCommands(prefix: string): Promise<string[]>;
  /** Clicks the open quick pick's row whose label is `label` (or matches it), typing `filter` first if given. */
  pickQuickItem(label: string | RegExp, filter?: string): Promise<void>;
  /** Opens a workspace file in an editor through Quick Open ('folder/file.json'). */
  openFile(relativePath: string): Promise<void>;
  /** The first element matching `selector` in any frame, waiting up to `timeout` ms for one. */
  findInWebview(selector: string, timeout?: number): Promise<Locator>;
  /** How many elements match `selector` across all frames, now. */
  countInWebviews(selector: string): Promise<number>;
  /** The named attributes of every element matching `selector`, across all frames. */
  attributesInWebviews(selector: string, names: string[]): Promise<Record<string, string | null>[]>;
}

export function workbench(page: Page): Workbench {
  const quickInput = page.locator('.quick-input-widget');
  const input = quickInput.locator('input').first();
  const rows = quickInput.locator('.quick-input-list .monaco-list-row');
  const rowLabelled = (label: RegExp) => rows.filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  const labels = async () => (await rows.locator('.label-name').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

  const openQuickInput = async (text: string) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(text);
  };

  // The palette lists the commands registered when it opens; contributions may still be arriving.
  const paletteRow = async (text: string, row: Locator) => {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      await openQuickInput(`>${text}`);
      try {
        return await row.waitFor({ timeout: 5_000 });
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no command "${text}"; the palette shows ${JSON.stringify(await labels())}\n${(e as Error).message}`);
      }
    }
  };

  const framesMatching = async (selector: string) => {
    const found: Frame[] = [];
    for (const frame of page.frames()) if ((await countIn(frame, selector)) > 0) found.push(frame);
    return found;
  };

  return {
    page,
    async runCommand(title) {
      const row = rowLabelled(exactly(title));
      await paletteRow(title, row);
      await row.click();
    },
    async paletteCommands(prefix) {
      await paletteRow(prefix, rowLabelled(new RegExp(`^\\s*${escapeRegExp(prefix)}`)));
      const shown = await labels();
      await page.keyboard.press('Escape');
      return shown.filter((l) => l.startsWith(prefix));
    },
    async pickQuickItem(label, filter) {
      await input.waitFor();
      if (filter !== undefined) await input.fill(filter);
      const row = rowLabelled(typeof label === 'string' ? exactly(label) : label);
      await row.waitFor().catch(async (e: Error) => {
        throw new Error(`no quick pick item ${String(label)}; shown: ${JSON.stringify(await labels())}\n${e.message}`);
      });
      await row.click();
    },
    async openFile(relativePath) {
      const slash = relativePath.lastIndexOf('/');
      const [dir, name] = [relativePath.slice(0, slash), relativePath.slice(slash + 1)];
      await openQuickInput(relativePath);
      // Quick Open rows: the label is the file name, the description its folder.
      await rows
        .filter({ has: page.locator('.label-name', { hasText: exactly(name) }) })
        .filter({ hasText: dir })
        .first()
        .click();
      await page.locator('.tab[aria-selected="true"]', { hasText: name }).waitFor();
    },
    async findInWebview(selector, timeout = TIMEOUT) {
      const frame = await until(async () => (await framesMatching(selector))[0] ?? null, `a webview element matching ${selector}`, timeout);
      return frame.locator(selector).first();
    },
    async countInWebviews(selector) {
      let n = 0;
      for (const frame of page.frames()) n += await countIn(frame, selector);
      return n;
    },
    async attributesInWebviews(selector, names) {
      const all: Record<string, string | null>[] = [];
      for (const frame of await framesMatching(selector)) {
        const found = await frame
          .locator(selector)
          .evaluateAll((els, names) => els.map((e) => Object.fromEntries(names.map((n) => [n, e.getAttribute(n)]))), names)
          .catch(() => []);
        all.push(...found);
      }
      return all;
    },
  };
}

/** The first non-null value `read` returns, polling every 250 ms up to `timeout` ms. */
export async function until<T>(read: () => Promise<T | null>, what: string, timeout = TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function countIn(frame: Frame, selector: string): Promise<number> {
  try {
    return await frame.locator(selector).count();
  } catch {
    return 0; // A frame detached or navigating meanwhile.
  }
}

function exactly(label: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The Explorer's "Models & Ensembles" pane, shown and expanded. */
export async function modelsPane(w: Workbench): Promise<Locator> {
  await w.runCommand('View: Show Explorer');
  const title = w.page.locator('.pane-header', { hasText: 'Models & Ensembles' });
  const header = w.page.locator('.part.sidebar').locator(title);
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return w.page.locator('.part.sidebar .pane', { has: title });
}
