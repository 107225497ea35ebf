/** 'c4' → 'C4', 'd4' → 'D4'; other group names as they are: how every front end names a group. */
export function groupLabel(name: string): string {
  return /^[cd]\d+$/.test(name) ? name.toUpperCase() : name;
}
