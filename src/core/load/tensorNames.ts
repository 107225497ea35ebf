/** A tensor name without its output index: 'input:0' → 'input' (converters write either). */
export function baseName(name: string): string {
  return name.replace(/:0$/, '');
}

/** The entry called `name`, matched as written first, then with or without the ':0' suffix. */
export function findByName<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  return list.find((t) => t.name === name) ?? list.find((t) => baseName(t.name) === baseName(name));
}
