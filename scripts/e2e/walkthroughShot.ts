// Takes docs/screenshots/walkthrough.png: the Getting Started walkthrough as a user sees it in a
// real VS Code (code-server + Chromium). Run after `bash scripts/e2e/install-code-server.sh` and
// `npm run build`: `npx tsx scripts/e2e/walkthroughShot.ts`.
import * as path from 'node:path';
import { ROOT, startSession } from './harness';

const TITLE = 'Get started with EquiLens';
const OUT = path.join(ROOT, 'docs', 'screenshots', 'walkthrough.png');

async function main(): Promise<void> {
  const s = await startSession();
  try {
    await s.runCommand('Welcome: Open Walkthrough...');
    await s.pickQuickItem(new RegExp(TITLE));
    await s.page.getByText(TITLE).first().waitFor();
    await s.page.waitForTimeout(3_000); // Step media (markdown) renders in a webview after the page.
    await s.page.screenshot({ path: OUT });
    process.stdout.write(`wrote ${path.relative(ROOT, OUT)}\n`);
  } finally {
    await s.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`walkthroughShot: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
