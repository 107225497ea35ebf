// Seeded fuzzer for untrusted model folders: every case must end in a report or a one-line
// EquiLensError naming a file, within 10 s, reading nothing outside its folder, leaking no tensors.
// Usage: npm run fuzz -- [--seed N] [--cases N] [--from I | --case I] [--keep DIR] [--verbose]
import * as path from 'node:path';
import { initBackend } from '../src/node/backend';
import { runFuzz } from './fuzz/fuzzLoop';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const num = (flag: string, dflt: number) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const seed = num('--seed', Date.now() % 100_000);
  const only = args.includes('--case') ? num('--case', 0) : undefined;
  // --case I replays one case; --from I --cases N a range (state left by earlier cases can matter).
  const from = only ?? num('--from', 0);
  const cases = only === undefined ? num('--cases', 2000) : 1;
  const keepAt = args.indexOf('--keep');
  const verbose = args.includes('--verbose');
  const backend = await initBackend('wasm');
  const stats = await runFuzz({
    seed,
    cases,
    from,
    examplesDir: path.join(__dirname, '..', 'examples'),
    backend: backend.name,
    keepDir: keepAt >= 0 ? path.resolve(args[keepAt + 1]!) : undefined,
    onCase: (i, muts, outcome, detail) => {
      if (verbose || outcome === 'violation') console.log(`case ${i} [${muts.join(', ')}] ${outcome}${detail ? `: ${detail}` : ''}`);
    },
  });
  const total = Object.values(stats.outcomes).reduce((a, b) => a + b, 0);
  console.log(`seed ${seed}: ${total} cases in ${stats.seconds.toFixed(1)} s (${backend.description})`);
  console.log('outcomes:', stats.outcomes);
  for (const [m, row] of Object.entries(stats.perMutation).sort()) console.log(`  ${m.padEnd(18)} ${JSON.stringify(row)}`);
  for (const v of stats.violations) {
    console.log(`VIOLATION seed ${seed} case ${v.caseIndex} [${v.mutations.join(', ')}]: ${v.problem.split('\n')[0]}`);
    console.log(`  reproduce: npm run fuzz -- --seed ${seed} --case ${v.caseIndex} --verbose`);
  }
  process.exitCode = stats.violations.length ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
