/** Longest fix title: the detail goes in `what`, the title must fit one line of a list. */
export const MAX_TITLE = 120;

/** A title cut to MAX_TITLE characters at a word, with an ellipsis; the families keep theirs shorter already. */
export function shortTitle(title: string): string {
  if ([...title].length <= MAX_TITLE) return title;
  const cut = [...title].slice(0, MAX_TITLE - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

/** Up to `max` characters naming `names`: as many as fit, then 'and k more' (for titles). */
export function nameList(names: readonly string[], max = 60): string {
  if (names.length === 1) return names[0]!.length <= max ? names[0]! : `1 layer (${short(names[0]!)})`;
  const whole = names.join(', ');
  if (whole.length <= max) return whole;
  const shown: string[] = [];
  for (const n of names.map(short)) {
    const next = [...shown, n].join(', ') + ` and ${names.length - shown.length - 1} more`;
    if (next.length > max) break;
    shown.push(n);
  }
  if (shown.length === names.length) return shown.join(', ');
  return shown.length ? `${shown.join(', ')} and ${names.length - shown.length} more` : `${names.length} layers`;
}

// Graph node names repeat the converter's scopes ('StatefulPartitionedCall/model/conv_3/Conv2D'): the last two parts say which.
function short(name: string): string {
  const parts = name.split('/');
  return parts.length > 2 ? parts.slice(-2).join('/') : name;
}
