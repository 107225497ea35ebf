import { InvalidArgumentError, Option } from 'commander';

/** `--workers <n>` for audit and check: a positive integer; the default (every core) is applied by the command. */
export function workersOption(): Option {
  return new Option('--workers <n>', 'evaluate members in n worker threads, one engine each (default: every core; 1: one thread)').argParser(parseWorkers);
}

/** A worker count as the CLI and the config take it; anything but a positive integer is refused. */
export function parseWorkers(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got '${v}'`);
  return n;
}
